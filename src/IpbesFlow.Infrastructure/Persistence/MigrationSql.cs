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
}
