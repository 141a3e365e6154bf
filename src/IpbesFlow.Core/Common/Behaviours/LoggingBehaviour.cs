using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Common.Behaviours;

/// <summary>Outermost behaviour: one log line per message with its outcome and duration. Refusals the caller can
/// fix or must accept (validation, conflict, not found, not allowed, too many) and lost races (taken again) are informational; anything else is an error
/// with its stack.</summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger, TimeProvider time)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var elapsed = time.GetElapsedTime(started);
                PipelineLog.Handled(logger, typeof(TMessage).Name, elapsed.TotalMilliseconds);
            }

            return response;
        }
        catch (Exception e) when (e is ValidationFailedException or ConflictException or NotFoundException or ForbiddenException or TooManyRequestsException or Identity.SignInRefusedException)
        {
            PipelineLog.Refused(logger, typeof(TMessage).Name, e.Message);
            throw;
        }
        catch (DbUpdateConcurrencyException)
        {
            // A race with a concurrent change to the same rows: nothing was saved, and the caller takes it again (the
            // retry behaviour, the timer path) or answers 409. Expected on a busy assessment; not an error.
            PipelineLog.Overtaken(logger, typeof(TMessage).Name);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var elapsed = time.GetElapsedTime(started);
            PipelineLog.Failed(logger, e, typeof(TMessage).Name, elapsed.TotalMilliseconds);
            throw;
        }
    }
}

internal static partial class PipelineLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message} handled in {ElapsedMs:0.0} ms")]
    public static partial void Handled(ILogger logger, string message, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string message, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} overtaken by a concurrent change; nothing saved")]
    public static partial void Overtaken(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message} failed after {ElapsedMs:0.0} ms")]
    public static partial void Failed(ILogger logger, Exception exception, string message, double elapsedMs);
}
