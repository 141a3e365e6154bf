using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;

namespace IpbesFlow.Assessments;

/// <summary>The MEP (or the secretariat) starts an assessment from a workflow definition: the plan is computed with
/// the given parameters and dates, and stored with the pinned definition version.</summary>
public sealed record CreateAssessment(
    string Workflow,
    string Title,
    DateOnly? Start,
    DateOnly? Plenary = null,
    int? Version = null,
    IReadOnlyDictionary<string, string>? Parameters = null,
    IReadOnlyDictionary<string, FixedDates>? Fixed = null,
    string? TimeZone = null) : ICommand<AssessmentView>;

public sealed class CreateAssessmentValidator : AbstractValidator<CreateAssessment>
{
    public CreateAssessmentValidator()
    {
        RuleFor(c => c.Workflow).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(300);
        RuleFor(c => c.Start).NotNull().WithMessage("The start date is required (yyyy-mm-dd).");
        RuleFor(c => c.TimeZone).Must(z => WindowTimeZone.TryFind(z, out _)).When(c => c.TimeZone is not null)
            .WithMessage(c => $"'{c.TimeZone}' is not a time zone; give an IANA name such as Europe/Berlin or Africa/Nairobi (UTC unless given).");
    }
}

public sealed class CreateAssessmentHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : ICommandHandler<CreateAssessment, AssessmentView>
{
    public ValueTask<AssessmentView> Handle(CreateAssessment command, CancellationToken cancellationToken)
    {
        var definition = catalog.Find(command.Workflow, command.Version)
            ?? throw new NotFoundException("Workflow", command.Version is { } v ? $"{command.Workflow} v{v}" : command.Workflow);
        var parameters = command.Parameters ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var plan = WorkflowPlanner.Plan(definition, new PlanRequest
        {
            Start = command.Start!.Value,
            Plenary = command.Plenary,
            Parameters = parameters,
            Fixed = command.Fixed ?? new Dictionary<string, FixedDates>(StringComparer.Ordinal),
        });

        var now = time.GetUtcNow();
        var assessment = Assessment.Create(Guid.CreateVersion7(now), command.Title, definition, plan, parameters, actor.Name, now, command.TimeZone ?? WindowTimeZone.Default);
        db.Assessments.Add(assessment);
        return ValueTask.FromResult(AssessmentView.From(assessment));
    }
}
