using System.Net.Sockets;
using IpbesFlow.Configuration;
using IpbesFlow.Startup;
using Npgsql;

namespace IpbesFlow.Persistence;

/// <summary>Opens one connection to PostgreSQL before anything else starts, and turns the driver's failure into
/// one line a person can act on.</summary>
public static class DatabaseConnectivity
{
    public static async Task EnsureReachableAsync(StorageSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Timeout = 5, Pooling = false };
        var where = $"{builder.Host}:{builder.Port}";
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new StartupCheckException(
                $"PostgreSQL at {where} has no database '{builder.Database}'. Create it (createdb {builder.Database}) or fix Database__ConnectionString.", e);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            throw new StartupCheckException(
                $"PostgreSQL at {where} refused user '{builder.Username}' ({e.MessageText}). Fix the credentials in Database__ConnectionString.", e);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new StartupCheckException(
                $"Cannot reach PostgreSQL at {where} ({Innermost(e).Message.TrimEnd('.')}). Start PostgreSQL, or fix Database__ConnectionString.", e);
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
