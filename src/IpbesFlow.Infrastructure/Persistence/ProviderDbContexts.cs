using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IpbesFlow.Persistence;

/// <summary>SQLite's context: its own migrations (Migrations/Sqlite). SQLite has no timestamp type that sorts and
/// compares, so instants are stored as UTC-tick integers: "is now inside the review window" stays a SQL query.</summary>
public sealed class SqliteIpbesFlowDbContext(DbContextOptions<SqliteIpbesFlowDbContext> options) : IpbesFlowDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL's context: its own migrations (Migrations/Postgres).</summary>
public sealed class PostgresIpbesFlowDbContext(DbContextOptions<PostgresIpbesFlowDbContext> options) : IpbesFlowDbContext(options);

/// <summary>Used only by <c>dotnet ef migrations add</c>; no database is opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIpbesFlowDbContext>
{
    public SqliteIpbesFlowDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIpbesFlowDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Used only by <c>dotnet ef migrations add</c>; no database is opened.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresIpbesFlowDbContext>
{
    public PostgresIpbesFlowDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresIpbesFlowDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
