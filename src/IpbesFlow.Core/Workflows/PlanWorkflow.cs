using FluentValidation;
using IpbesFlow.Common;
using Mediator;

namespace IpbesFlow.Workflows;

/// <summary>A schedule from a definition: parameters in, every step's dates and any conflicts out. Nothing is stored.</summary>
public sealed record PlanWorkflow(
    string Id,
    DateOnly? Start,
    DateOnly? Plenary = null,
    int? Version = null,
    IReadOnlyDictionary<string, string>? Parameters = null,
    IReadOnlyDictionary<string, FixedDates>? Fixed = null) : IQuery<Plan>;

public sealed class PlanWorkflowValidator : AbstractValidator<PlanWorkflow>
{
    public PlanWorkflowValidator()
    {
        RuleFor(q => q.Start).NotNull().WithMessage("The start date is required (yyyy-mm-dd).");
    }
}

public sealed class PlanWorkflowHandler(IWorkflowCatalog catalog) : IQueryHandler<PlanWorkflow, Plan>
{
    public ValueTask<Plan> Handle(PlanWorkflow query, CancellationToken cancellationToken)
    {
        var definition = catalog.Find(query.Id, query.Version)
            ?? throw new NotFoundException("Workflow", query.Version is { } v ? $"{query.Id} v{v}" : query.Id);
        return ValueTask.FromResult(WorkflowPlanner.Plan(definition, new PlanRequest
        {
            Start = query.Start!.Value,
            Plenary = query.Plenary,
            Parameters = query.Parameters ?? new Dictionary<string, string>(StringComparer.Ordinal),
            Fixed = query.Fixed ?? new Dictionary<string, FixedDates>(StringComparer.Ordinal),
        }));
    }
}
