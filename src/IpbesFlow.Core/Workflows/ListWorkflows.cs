using Mediator;

namespace IpbesFlow.Workflows;

/// <summary>Every version of every workflow definition the service offers.</summary>
public sealed record ListWorkflows : IQuery<IReadOnlyList<WorkflowSummary>>;

public sealed class ListWorkflowsHandler(IWorkflowCatalog catalog) : IQueryHandler<ListWorkflows, IReadOnlyList<WorkflowSummary>>
{
    public ValueTask<IReadOnlyList<WorkflowSummary>> Handle(ListWorkflows query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<WorkflowSummary>>(catalog.All.Select(WorkflowSummary.From).ToList());
}
