namespace IpbesFlow.Workflows;

/// <summary>The workflow definitions the service offers, by id and version.</summary>
public interface IWorkflowCatalog
{
    /// <summary>Every version of every definition, by id then version.</summary>
    IReadOnlyList<WorkflowDefinition> All { get; }

    /// <summary>The given version, or the latest when <paramref name="version"/> is null.</summary>
    WorkflowDefinition? Find(string id, int? version = null);
}

public sealed class WorkflowCatalog(IReadOnlyList<WorkflowDefinition> definitions) : IWorkflowCatalog
{
    public IReadOnlyList<WorkflowDefinition> All { get; } = definitions.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version).ToList();

    public WorkflowDefinition? Find(string id, int? version = null) =>
        All.Where(d => string.Equals(d.Id, id, StringComparison.Ordinal) && (version is null || d.Version == version)).MaxBy(d => d.Version);

    /// <summary>Loads <c>*.yaml</c> files and folders of them (not their subfolders: templates and schema live there).
    /// Every error of every file is returned; a catalog is built from the valid files only.</summary>
    public static (WorkflowCatalog Catalog, IReadOnlyList<WorkflowError> Errors, int Files) Load(IEnumerable<string> paths, Func<string, string>? display = null)
    {
        display ??= path => path;
        var errors = new List<WorkflowError>();
        var definitions = new List<WorkflowDefinition>();
        var files = 0;
        foreach (var file in paths.SelectMany(Expand))
        {
            files++;
            if (!File.Exists(file))
            {
                errors.Add(new WorkflowError(display(file), new SourceLocation(1, 1), "no such file"));
                continue;
            }

            var result = WorkflowLoader.LoadFile(file, display(file));
            errors.AddRange(result.Errors);
            if (result.Definition is not { } definition)
            {
                continue;
            }

            if (definitions.FirstOrDefault(d => d.Id == definition.Id && d.Version == definition.Version) is { } twin)
            {
                errors.Add(new WorkflowError(display(file), LocationOfId(file), $"workflow '{definition.Id}' version {definition.Version} is also defined in {twin.SourceFile}; raise the version"));
                continue;
            }

            definitions.Add(definition);
        }

        return (new WorkflowCatalog(definitions), errors, files);
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.yaml").Concat(Directory.EnumerateFiles(path, "*.yml")).Order(StringComparer.Ordinal)
            : [path];

    private static SourceLocation LocationOfId(string file)
    {
        var lines = File.ReadAllLines(file);
        var index = Array.FindIndex(lines, l => l.StartsWith("id:", StringComparison.Ordinal));
        return new SourceLocation(index + 1, 1);
    }
}
