using System.Text.Json;
using IpbesFlow.Common;

namespace IpbesFlow.Assessments;

/// <summary>What a person can do to a step.</summary>
public enum StepAction
{
    /// <summary>Open a human step before its planned start (the secretariat, with a reason).</summary>
    Start,

    /// <summary>Finish a human step, or a window or meeting once it has closed.</summary>
    Complete,

    /// <summary>Leave out a step that has not begun (with a reason).</summary>
    Skip,

    /// <summary>Stop a step, begun or not (with a reason).</summary>
    Cancel,

    /// <summary>Send a meeting's calendar invitation to its participants (its changes and cancellation follow by themselves).</summary>
    Invite,

    /// <summary>Close an open call or review window now, before its planned close (the secretariat, with a reason).</summary>
    Close,
}

public static class StepActions
{
    public static string Name(StepAction action) => JsonNamingPolicy.KebabCaseLower.ConvertName(action.ToString());

    public static StepAction? Parse(string? text) =>
        Enum.GetValues<StepAction>().Select(a => (StepAction?)a).FirstOrDefault(a => string.Equals(Name(a!.Value), text?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>An action as a route or the command line names it, read once, where the request comes in; an unknown
    /// one is refused naming the field and the actions there are.</summary>
    public static StepAction Read(string? text) =>
        Parse(text) ?? throw new ValidationFailedException("action", $"'{text}' is not an action; use one of {All}.");

    /// <summary>Actions that must say why: they take a step out of the process, or start or close it out of its dates.</summary>
    public static bool NeedsReason(StepAction action) => action is StepAction.Start or StepAction.Skip or StepAction.Cancel or StepAction.Close;

    public static string All => string.Join(", ", Enum.GetValues<StepAction>().Select(Name));
}
