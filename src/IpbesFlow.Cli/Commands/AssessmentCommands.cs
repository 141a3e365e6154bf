using System.CommandLine;
using System.Globalization;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace IpbesFlow.Cli.Commands;

internal static class AssessmentCommands
{
    public static Command Create()
    {
        var workflow = new Option<string>("--workflow") { Description = "Workflow id, e.g. thematic-assessment", Required = true };
        var title = new Option<string>("--title") { Description = "The assessment's title", Required = true };
        var start = new Option<string>("--start") { Description = "Start date (yyyy-mm-dd)", Required = true };
        var plenary = new Option<string?>("--plenary") { Description = "Plenary date (yyyy-mm-dd)" };
        var set = new Option<string[]>("--set") { Description = "A parameter value: name=value (repeatable)" };
        var fix = new Option<string[]>("--fix") { Description = "Fixed dates: step=yyyy-mm-dd..yyyy-mm-dd (repeatable)" };
        var timeZone = new Option<string?>("--time-zone") { Description = "The IANA time zone window edges are given in, e.g. Europe/Berlin (UTC unless given)" };
        var create = new Command("create", "Start an assessment from a workflow definition; prints its id and schedule.") { workflow, title, start, plenary, set, fix, timeZone };
        create.SetAction((parse, ct) => Run(async sender =>
        {
            var request = PlanArguments.Parse(parse.GetValue(start)!, parse.GetValue(plenary), parse.GetValue(set) ?? [], parse.GetValue(fix) ?? []);
            var assessment = await sender.Send(new CreateAssessment(parse.GetValue(workflow)!, parse.GetValue(title)!, request.Start, request.Plenary, null, request.Parameters, request.Fixed, parse.GetValue(timeZone)), ct);
            Console.WriteLine($"Created {assessment.Id}");
            Print(assessment);
        }, ct));

        var list = new Command("list", "Every assessment.");
        list.SetAction((_, ct) => Run(async sender =>
        {
            foreach (var a in await sender.Send(new ListAssessments(), ct))
            {
                Console.WriteLine($"{a.Id}  {a.Workflow} v{a.WorkflowVersion}  start {a.Start:yyyy-MM-dd}  {(a.Plenary is { } p ? $"Plenary {p:yyyy-MM-dd}" : "no Plenary")}  {a.Title}");
            }
        }, ct));

        var id = new Argument<Guid>("id") { Description = "The assessment's id" };
        var show = new Command("show", "One assessment: its steps, states and dates.") { id };
        show.SetAction((parse, ct) => Run(async sender => Print(await sender.Send(new GetAssessment(parse.GetValue(id)), ct)), ct));

        var journalId = new Argument<Guid>("id") { Description = "The assessment's id" };
        var journal = new Command("journal", "Everything that happened to an assessment, oldest first.") { journalId };
        journal.SetAction((parse, ct) => Run(async sender =>
        {
            foreach (var j in await sender.Send(new GetJournal(parse.GetValue(journalId)), ct))
            {
                Console.WriteLine($"{j.At:yyyy-MM-dd HH:mm:ss}Z  {j.Actor,-24} {j.Action,-26} {j.Step,-28} {j.OldValue} -> {j.NewValue}{(j.Details is null ? string.Empty : "  (" + j.Details + ")")}");
            }
        }, ct));

        // The CLI has no scheduler: an instant it makes due is picked up by the running service's sweep and
        // reconciliation (Scheduler:SweepSeconds), not at once.
        var actId = new Argument<Guid>("id") { Description = "The assessment's id" };
        var actStep = new Argument<string>("step") { Description = "The step's id, e.g. expert-selection" };
        var action = new Argument<string>("action") { Description = $"One of {StepActions.All}" };
        var note = new Option<string?>("--note") { Description = "Why (required to start early, close now, skip or cancel), or what came of it" };
        var decision = new Option<string?>("--decision") { Description = "The Plenary's decision approving the assessment, e.g. IPBES-9/1 (to complete the Plenary's approval)" };
        var decidedOn = new Option<string?>("--decided-on") { Description = "The day the Plenary took it (yyyy-mm-dd)" };
        var act = new Command("act", "Act on a step as the secretariat: start, complete, skip, cancel or close it.") { actId, actStep, action, note, decision, decidedOn };
        act.SetAction((parse, ct) => Run(async sender =>
        {
            var step = await sender.Send(
                new ActOnStep(parse.GetValue(actId), parse.GetValue(actStep)!, StepActions.Read(parse.GetValue(action)), parse.GetValue(note), parse.GetValue(decision), Day(parse.GetValue(decidedOn), "decidedOn")), ct);
            Console.WriteLine($"{step.Id}: {step.State.ToString().ToLowerInvariant()}");
        }, ct));

        var moveId = new Argument<Guid>("id") { Description = "The assessment's id" };
        var moveStep = new Argument<string>("step") { Description = "The step to move" };
        var newStart = new Option<string?>("--start") { Description = "New first day (yyyy-mm-dd)" };
        var newEnd = new Option<string?>("--end") { Description = "New last day (yyyy-mm-dd)" };
        var reason = new Option<string>("--reason") { Description = "Why it moves (journaled and sent to the people concerned)", Required = true };
        var reschedule = new Command("reschedule", "Move a step; every dependent later step moves with it. One of --start/--end alone moves the whole step.") { moveId, moveStep, newStart, newEnd, reason };
        reschedule.SetAction((parse, ct) => Run(async sender =>
        {
            var assessment = await sender.Send(new RescheduleStep(parse.GetValue(moveId), parse.GetValue(moveStep)!, Day(parse.GetValue(newStart), "start"), Day(parse.GetValue(newEnd), "end"), parse.GetValue(reason)!), ct);
            Print(assessment);
        }, ct));

        var versionId = new Argument<Guid>("id") { Description = "The assessment's id" };
        var version = new Option<int>("--version") { Description = "The workflow version to move to", Required = true };
        var moveVersion = new Command("move-version", "Move an assessment to another version of its workflow (steps map by id).") { versionId, version };
        moveVersion.SetAction((parse, ct) => Run(async sender => Print(await sender.Send(new MoveToVersion(parse.GetValue(versionId), parse.GetValue(version)), ct)), ct));

        return new Command("assessments", "Assessments: durable instances of workflow definitions.") { create, list, show, journal, act, reschedule, moveVersion };
    }

    private static DateOnly? Day(string? text, string field) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new ValidationFailedException(field, $"'{text}' is not a date (yyyy-mm-dd).");

    internal static Task<int> Run(Func<ISender, Task> action, CancellationToken cancellationToken) =>
        RunWithServices(services => action(services.GetRequiredService<ISender>()), cancellationToken);

    /// <summary>Runs a command against the current schema, in a scope of its own, and turns refusals into one line each
    /// on standard error and exit code 1.</summary>
    internal static Task<int> RunWithServices(Func<IServiceProvider, Task> action, CancellationToken cancellationToken) => CliHost.RunAsync(async (services, token) =>
    {
        await services.GetRequiredService<DatabaseSchema>().EnsureCurrentAsync(migrate: false, token);
        await using var scope = services.CreateAsyncScope();
        try
        {
            await action(scope.ServiceProvider);
            return 0;
        }
        catch (ValidationFailedException e)
        {
            foreach (var error in e.Errors)
            {
                await Console.Error.WriteLineAsync($"ipbesflow: {error.Field}: {error.Message}");
            }

            return 1;
        }
        catch (Exception e) when (e is ConflictException or NotFoundException)
        {
            await Console.Error.WriteLineAsync($"ipbesflow: {e.Message}");
            return 1;
        }
    }, cancellationToken);

    private static void Print(AssessmentView assessment)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }

        console.MarkupLine($"[bold]{Markup.Escape(assessment.Title)}[/] ({assessment.Workflow} v{assessment.WorkflowVersion}), plan revision {assessment.Version}, windows from 00:00 of the first day to 23:59 of the last in {Markup.Escape(assessment.TimeZone)}");
        var table = new Table().Border(TableBorder.Simple).AddColumn("Step").AddColumn("Kind").AddColumn("State").AddColumn("Start").AddColumn("End");
        foreach (var step in assessment.Steps)
        {
            table.AddRow(Markup.Escape(step.Id) + (step.Fixed ? " [blue](fixed)[/]" : string.Empty), step.Kind, step.State.ToString().ToLowerInvariant(),
                step.State == StepState.Skipped ? "-" : step.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                step.State == StepState.Skipped ? "-" : step.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        console.Write(table);
    }
}
