using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using IpbesFlow.Common;
using IpbesFlow.Workflows;
using Spectre.Console;

namespace IpbesFlow.Cli.Commands;

/// <summary><c>ipbesflow workflows validate|plan</c>: work on definition files directly, no database needed.</summary>
internal static class WorkflowCommands
{
    public static Command Create() => new("workflows", "Workflow definitions: check them and plan schedules from them.") { Validate(), Plan() };

    /// <summary>The folder of definitions: ./workflows when it exists (a checkout), else the one shipped beside the binary.</summary>
    public static string DefaultDirectory =>
        Directory.Exists("workflows") ? Path.GetFullPath("workflows") : Path.Combine(AppContext.BaseDirectory, "workflows");

    private static Command Validate()
    {
        var paths = new Argument<string[]>("path") { Description = "Files or folders of *.yaml (default: workflows/)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("validate", "Check workflow files; every error is printed as file:line:col: message. Exit code 0 when all are valid, 1 otherwise.") { paths };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(paths) is { Length: > 0 } p ? p : [DefaultDirectory];
            var (catalog, errors, files) = WorkflowCatalog.Load(given, Display);
            foreach (var error in errors)
            {
                Console.WriteLine(error);
            }

            // The notification templates beside each folder of definitions: each must parse and use only known variables.
            var templateProblems = given.Where(Directory.Exists)
                .SelectMany(folder => Notifications.NotificationTemplates.Load(Path.Combine(folder, "templates"), Display).Problems)
                .ToList();
            foreach (var problem in templateProblems)
            {
                Console.WriteLine(problem);
            }

            var total = errors.Count + templateProblems.Count;
            Console.WriteLine(total == 0
                ? $"{files} file(s), {catalog.All.Count} workflow(s): all valid."
                : $"{files} file(s): {total} error(s).");
            return total == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command Plan()
    {
        var id = new Argument<string>("id") { Description = "Workflow id, e.g. thematic-assessment" };
        var start = new Option<string>("--start") { Description = "Start date (yyyy-mm-dd)", Required = true };
        var plenary = new Option<string?>("--plenary") { Description = "Plenary date (yyyy-mm-dd); default: the earliest the workflow allows" };
        var set = new Option<string[]>("--set") { Description = "A parameter value: name=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var fix = new Option<string[]>("--fix") { Description = "Dates people fixed: step=yyyy-mm-dd..yyyy-mm-dd, step=yyyy-mm-dd.. or step=..yyyy-mm-dd (repeatable)" };
        var version = new Option<int?>("--version") { Description = "Definition version (default: the latest)" };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var folder = new Option<string?>("--workflows") { Description = "Folder of definitions (default: workflows/)" };

        var command = new Command("plan", "Compute every step's dates. Exit code 0 for a plan without conflicts, 2 when it has conflicts, 1 for bad input.")
        {
            id, start, plenary, set, fix, version, format, folder,
        };
        command.SetAction(parse =>
        {
            var (catalog, errors, _) = WorkflowCatalog.Load([parse.GetValue(folder) ?? DefaultDirectory], Display);
            if (errors.Count > 0)
            {
                return Fail($"the workflow definitions have {errors.Count} error(s); run `ipbesflow workflows validate`. First: {errors[0]}");
            }

            var definition = catalog.Find(parse.GetValue(id)!, parse.GetValue(version));
            if (definition is null)
            {
                return Fail($"no workflow '{parse.GetValue(id)}'{(parse.GetValue(version) is { } v ? $" version {v}" : string.Empty)}; available: {string.Join(", ", catalog.All.Select(d => $"{d.Id} (v{d.Version})"))}");
            }

            try
            {
                var request = PlanArguments.Parse(parse.GetValue(start)!, parse.GetValue(plenary), parse.GetValue(set) ?? [], parse.GetValue(fix) ?? []);
                var plan = WorkflowPlanner.Plan(definition, request);
                if (parse.GetValue(format) == "json")
                {
                    Console.WriteLine(JsonSerializer.Serialize(plan, Json));
                }
                else
                {
                    Print(definition, plan);
                }

                return plan.Conflicts.Count == 0 ? 0 : 2;
            }
            catch (ValidationFailedException e)
            {
                foreach (var error in e.Errors)
                {
                    Console.Error.WriteLine($"ipbesflow: {error.Field}: {error.Message}");
                }

                return 1;
            }
        });
        return command;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private static void Print(WorkflowDefinition definition, Workflows.Plan plan)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            // Files and pipes have no width; a plan table is read whole, not wrapped at 80 columns.
            console.Profile.Width = 160;
        }

        console.MarkupLine($"[bold]{Markup.Escape(definition.Title)}[/] ({definition.Id} v{definition.Version}), start {plan.Start:yyyy-MM-dd}, " +
            (plan.Plenary is { } p ? $"Plenary {p:yyyy-MM-dd}{(plan.PlenaryDerived ? " (earliest possible)" : string.Empty)}" : "no Plenary step"));
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Step").AddColumn("Kind").AddColumn("Audience / owner").AddColumn("Start").AddColumn("End").AddColumn(new TableColumn("Days").RightAligned());
        foreach (var step in plan.Steps)
        {
            var who = definition.FindStep(step.Id)!.Owner is { } owner ? $"owner: {Kebab(owner)}" : string.Join(", ", step.Audience.Select(a => Kebab(a)));
            var name = Markup.Escape(step.Id) + (step.Fixed ? " [blue](fixed)[/]" : string.Empty);
            table.AddRow(
                step.Skipped ? $"[grey]{Markup.Escape(step.Id)} (skipped)[/]" : name,
                step.Kind.Name,
                Markup.Escape(who),
                step.Skipped ? "[grey]-[/]" : step.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                step.Skipped ? "[grey]-[/]" : step.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                step.Skipped || step.Kind.IsInstant ? string.Empty : step.Days.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        foreach (var conflict in plan.Conflicts)
        {
            console.MarkupLine($"[red]Conflict:[/] {Markup.Escape(conflict.Message)}");
        }
    }

    private static string Kebab(Enum value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"ipbesflow: {message}");
        return 1;
    }

    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
