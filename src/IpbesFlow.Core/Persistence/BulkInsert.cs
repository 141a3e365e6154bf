using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace IpbesFlow.Persistence;

/// <summary>Inserts many new rows of one entity type as multi-row INSERT statements, inside the command's
/// transaction, without tracking them. For the paths that take in thousands of rows at once (a government's
/// consolidated comments), where EF Core's per-entity change tracking would cost more than the database does. Table,
/// columns, quoting and value conversions all come from the EF model, so the rows are stored exactly as EF stores
/// them and read back through it as usual.</summary>
public static class BulkInsert
{
    // PostgreSQL allows 65,535 parameters in a statement.
    private const int MaxParameters = 30000;

    public static async Task InsertAsync<T>(IpbesFlowDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table), Mapping: p.GetRelationalTypeMapping()))
            .Where(c => c.Column is not null)
            .ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column!)))}) VALUES ";
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the command's transaction.");

        if (db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true)
        {
            // SQLite has no network round trip to save: one prepared single-row INSERT run per row is its fastest way,
            // while a statement with thousands of parameters binds them by name in quadratic time.
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = head + "(" + string.Join(", ", columns.Select((_, c) => sql.GenerateParameterNamePlaceholder($"p{c}"))) + ")";
            var parameters = columns.Select((column, c) => column.Mapping.CreateParameter(command, $"p{c}", column.Property.GetGetter().GetClrValue(rows[0]), column.Property.IsNullable)).ToArray();
            command.Parameters.AddRange(parameters);
            foreach (var row in rows)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    var (property, _, mapping) = columns[c];
                    var value = property.GetGetter().GetClrValue(row);
                    parameters[c].Value = value is null ? DBNull.Value : mapping.Converter?.ConvertToProvider(value) ?? value;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return;
        }

        var perStatement = Math.Max(1, MaxParameters / columns.Count);
        for (var offset = 0; offset < rows.Count; offset += perStatement)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            var count = Math.Min(perStatement, rows.Count - offset);
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"p{(r * columns.Count) + c}";
                    var (property, _, mapping) = columns[c];
                    command.Parameters.Add(mapping.CreateParameter(command, name, property.GetGetter().GetClrValue(rows[offset + r]), property.IsNullable));
                    text.Append(c == 0 ? string.Empty : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
