using IpbesFlow.Testing;
using IpbesFlow.Workflows;

namespace IpbesFlow.Tests.Workflows;

/// <summary>The definitions in workflows/, loaded once for the planner tests.</summary>
internal static class ShippedWorkflows
{
    private static readonly Lazy<WorkflowCatalog> Catalog = new(() =>
    {
        var (catalog, errors, _) = WorkflowCatalog.Load([RepositoryPaths.WorkflowsDirectory]);
        return errors.Count == 0 ? catalog : throw new InvalidOperationException(string.Join('\n', errors));
    });

    public static WorkflowDefinition Get(string id) => Catalog.Value.Find(id) ?? throw new InvalidOperationException($"no {id} in workflows/");
}
