using IpbesFlow.Common;
using Mediator;

namespace IpbesFlow.Workflows;

/// <summary>One definition; the latest version unless <see cref="Version"/> is given.</summary>
public sealed record GetWorkflow(string Id, int? Version = null) : IQuery<WorkflowView>;

public sealed class GetWorkflowHandler(IWorkflowCatalog catalog) : IQueryHandler<GetWorkflow, WorkflowView>
{
    public ValueTask<WorkflowView> Handle(GetWorkflow query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(WorkflowView.From(catalog.Find(query.Id, query.Version) ?? throw new NotFoundException("Workflow", query.Version is { } v ? $"{query.Id} v{v}" : query.Id)));
}
