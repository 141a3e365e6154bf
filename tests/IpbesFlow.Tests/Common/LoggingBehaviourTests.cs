using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Common.Behaviours;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace IpbesFlow.Tests.Common;

public sealed class LoggingBehaviourTests
{
    private static readonly ActOnStep Command = new(Guid.Empty, "drafting", StepAction.Complete);

    [Fact]
    public async Task A_lost_race_is_logged_as_information_and_a_fault_as_an_error()
    {
        var logger = new Lines();
        var behaviour = new LoggingBehaviour<ActOnStep, AssessmentStepView>(logger, TimeProvider.System);

        await Should.ThrowAsync<DbUpdateConcurrencyException>(async () => await behaviour.Handle(Command, (_, _) => throw new DbUpdateConcurrencyException(), TestContext.Current.CancellationToken));
        await Should.ThrowAsync<ConflictException>(async () => await behaviour.Handle(Command, (_, _) => throw new ConflictException("Step 'drafting' is already completed."), TestContext.Current.CancellationToken));
        await Should.ThrowAsync<InvalidOperationException>(async () => await behaviour.Handle(Command, (_, _) => throw new InvalidOperationException("broken"), TestContext.Current.CancellationToken));

        logger.Written.ShouldBe([
            (LogLevel.Information, "ActOnStep overtaken by a concurrent change; nothing saved"),
            (LogLevel.Information, "ActOnStep refused: Step 'drafting' is already completed."),
            (LogLevel.Error, logger.Written[2].Message),
        ]);
        logger.Written[2].Message.ShouldStartWith("ActOnStep failed after ");
    }

    private sealed class Lines : ILogger<LoggingBehaviour<ActOnStep, AssessmentStepView>>
    {
        public List<(LogLevel Level, string Message)> Written { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Written.Add((logLevel, formatter(state, exception)));
    }
}
