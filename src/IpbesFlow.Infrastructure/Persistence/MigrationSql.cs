namespace IpbesFlow.Persistence;

/// <summary>SQL the schema and its repair need, written once for both databases (plain SQL both accept): the triggers
/// that keep history append-only, and the due instants recomputed from the steps' states, tested against what the
/// application computes.</summary>
internal static class MigrationSql
{
    // The rule of AssessmentStep.NextDueAt before the backoff, in SQL: what is next due, from the state. The kinds come
    // from the code, so that a new kind needs no edit here.
    private static readonly string NextDueRule = $"""
        CASE
            WHEN state IN ('Pending', 'Scheduled') THEN COALESCE(set_up_notice_at, opens_at)
            WHEN state = 'Open' AND next_reminder_at IS NOT NULL THEN next_reminder_at
            WHEN state = 'Open' AND kind IN ({Kinds(k => k.ClosesByItself)}) THEN closes_at
            WHEN state = 'Open' AND kind IN ({Kinds(k => k.IsHuman)}) AND overdue_notified = FALSE THEN closes_at
        END
        """;

    /// <summary>The rule of <see cref="Assessments.AssessmentStep.NextDueAt"/> (a review's set-up notices, and the backoff
    /// of a step that failed to advance), in SQL: every step's due instant recomputed from its state, for after a
    /// hand-made data fix (<c>ipbesflow db refill-due-instants</c>).</summary>
    public static readonly string RefillStepDueInstants = $"""
        UPDATE assessment_steps SET due_at = CASE
            WHEN retry_after IS NOT NULL AND retry_after > ({NextDueRule}) THEN retry_after
            ELSE ({NextDueRule})
        END
        """;

    private static string Kinds(Func<Workflows.StepKind, bool> rule) => string.Join(", ", Workflows.StepKind.All.Where(rule).Select(k => $"'{k.Name}'"));

    /// <summary>Tables whose rows are history: written once, never changed or deleted, by the application or anyone
    /// else working through the database. A migration that rebuilds one of them (SQLite rebuilds a table to alter a
    /// column) must create its triggers again.</summary>
    public static readonly IReadOnlyList<string> AppendOnlyTables = ["journal_entries", "audit_entries", "earlier_responses"];

    private static readonly string[] Changes = ["UPDATE", "DELETE"];

    public static IEnumerable<string> AppendOnlyTriggersOnSqlite() =>
        AppendOnlyTables.SelectMany(table => Changes.Select(operation => $"""
            CREATE TRIGGER {table}_append_only_{operation.ToLowerInvariant()} BEFORE {operation} ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} is append-only: its rows cannot be changed or deleted'); END
            """));

    public static IEnumerable<string> AppendOnlyTriggersOnPostgres() =>
    [
        """
        CREATE FUNCTION refuse_change_to_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only: its rows cannot be changed or deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
        END
        $$
        """,
        .. AppendOnlyTables.Select(table => $"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only()"),
    ];

    public static IEnumerable<string> DropAppendOnlyTriggersOnSqlite() =>
        AppendOnlyTables.SelectMany(table => Changes.Select(operation => $"DROP TRIGGER IF EXISTS {table}_append_only_{operation.ToLowerInvariant()}"));

    public static IEnumerable<string> DropAppendOnlyTriggersOnPostgres() =>
        [.. AppendOnlyTables.Select(table => $"DROP TRIGGER IF EXISTS {table}_append_only ON {table}"), "DROP FUNCTION IF EXISTS refuse_change_to_append_only()"];
}
