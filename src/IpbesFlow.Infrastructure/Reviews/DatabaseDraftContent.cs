using System.Data;
using IpbesFlow.Configuration;
using IpbesFlow.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IpbesFlow.Reviews;

/// <summary>Streams a draft out of <c>review_drafts</c>: on SQLite through incremental blob I/O (<see cref="SqliteBlob"/>),
/// on PostgreSQL by reading the column in sequential access, so that only a buffer's worth is in memory at a time.</summary>
public sealed class DatabaseDraftContent(StorageSettings settings) : IDraftContent
{
    public async Task<Stream> OpenAsync(Guid draftId, CancellationToken cancellationToken)
    {
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            var connection = new NpgsqlConnection(settings.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                var command = new NpgsqlCommand("SELECT content FROM review_drafts WHERE id = @id", connection) { Parameters = { new("id", draftId) } };
                var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    throw new InvalidOperationException($"Draft {draftId} is not stored.");
                }

                return new OwningStream(reader.GetStream(0), reader, command, connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        var sqlite = new SqliteConnection(settings.ConnectionString);
        try
        {
            await sqlite.OpenAsync(cancellationToken);
            SqliteBusyWait.Apply(sqlite);
            await using var find = new SqliteCommand("SELECT rowid FROM review_drafts WHERE id = $id", sqlite);
            // EF Core keeps a Guid on SQLite as upper-case text.
            find.Parameters.AddWithValue("$id", draftId.ToString().ToUpperInvariant());
            var rowId = await find.ExecuteScalarAsync(cancellationToken) as long?
                ?? throw new InvalidOperationException($"Draft {draftId} is not stored.");
            return new OwningStream(new SqliteBlob(sqlite, "review_drafts", "content", rowId, readOnly: true), sqlite);
        }
        catch
        {
            await sqlite.DisposeAsync();
            throw;
        }
    }

    /// <summary>A read-only stream that disposes, after its inner stream, what it was read through.</summary>
    private sealed class OwningStream(Stream inner, params IDisposable[] owned) : Stream
    {
        // Stream.DisposeAsync ends in Dispose(true): the resources are let go once, by whichever comes first.
        private bool disposed;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !disposed)
            {
                disposed = true;
                inner.Dispose();
                foreach (var resource in owned)
                {
                    resource.Dispose();
                }
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            await inner.DisposeAsync();
            foreach (var resource in owned)
            {
                if (resource is IAsyncDisposable asynchronous)
                {
                    await asynchronous.DisposeAsync();
                }
                else
                {
                    resource.Dispose();
                }
            }

            await base.DisposeAsync();
        }
    }
}
