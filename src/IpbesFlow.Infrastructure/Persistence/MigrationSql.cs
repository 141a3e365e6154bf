namespace IpbesFlow.Persistence;

/// <summary>Data changes that migrations make, written once for both databases (the statements are plain SQL both
/// accept), and tested against what the application computes.</summary>
internal static class MigrationSql
{
    /// <summary>Gives the steps stored before <c>StepDueInstant</c> their due instant: the rule of
    /// <see cref="Assessments.AssessmentStep.NextDueAt"/>, in SQL.</summary>
    public const string FillStepDueInstants = """
        UPDATE assessment_steps SET due_at = CASE
            WHEN state IN ('Pending', 'Scheduled') THEN opens_at
            WHEN state = 'Open' AND next_reminder_at IS NOT NULL THEN next_reminder_at
            WHEN state = 'Open' AND kind IN ('call', 'review', 'meeting') THEN closes_at
            WHEN state = 'Open' AND kind IN ('selection', 'approval', 'task') AND overdue_notified = FALSE THEN closes_at
        END
        """;

    // The rule of AssessmentStep.NextDueAt before the backoff: what is next due, from the state.
    private const string NextDueRule = """
        CASE
            WHEN state IN ('Pending', 'Scheduled') THEN COALESCE(set_up_notice_at, opens_at)
            WHEN state = 'Open' AND next_reminder_at IS NOT NULL THEN next_reminder_at
            WHEN state = 'Open' AND kind IN ('call', 'review', 'meeting') THEN closes_at
            WHEN state = 'Open' AND kind IN ('selection', 'approval', 'task') AND overdue_notified = FALSE THEN closes_at
        END
        """;

    /// <summary>The rule of <see cref="Assessments.AssessmentStep.NextDueAt"/> as it is now (a review's set-up notices,
    /// and the backoff of a step that failed to advance), in SQL: what <c>AccessHardening</c> gives every step.</summary>
    public const string RefillStepDueInstants = $"""
        UPDATE assessment_steps SET due_at = CASE
            WHEN retry_after IS NOT NULL AND retry_after > ({NextDueRule}) THEN retry_after
            ELSE ({NextDueRule})
        END
        """;

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
