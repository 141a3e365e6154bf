using FluentValidation;
using Mediator;

namespace IpbesFlow.Common.Behaviours;

/// <summary>Runs every validator of the message before the handler; any failure stops the message with all the
/// failures at once, so bad input never reaches a handler or the database.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private readonly IValidator<TMessage>[] validators = validators.ToArray();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (validators.Length > 0)
        {
            var errors = new List<FieldError>();
            foreach (var validator in validators)
            {
                var result = await validator.ValidateAsync(message, cancellationToken);
                errors.AddRange(result.Errors.Select(f => new FieldError(FieldPath.FromPropertyPath(f.PropertyName), f.ErrorMessage)));
            }

            if (errors.Count > 0)
            {
                throw new ValidationFailedException(errors);
            }
        }

        return await next(message, cancellationToken);
    }
}
