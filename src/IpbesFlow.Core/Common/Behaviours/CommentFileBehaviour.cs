using IpbesFlow.Reviews;
using Mediator;

namespace IpbesFlow.Common.Behaviours;

/// <summary>Reads the file a command carries (a workbook or CSV of comments) after validation and before the retry and
/// the transaction: unpacking and parsing tens of megabytes must not happen while the database's write lock is held,
/// nor again on a retry, and a file that cannot be read is refused before anything is begun.</summary>
public sealed class CommentFileBehaviour<TMessage, TResponse>(ICommentFiles files) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is ICarriesCommentFile carrier)
        {
            carrier.File.ReadWith(files);
        }

        return next(message, cancellationToken);
    }
}
