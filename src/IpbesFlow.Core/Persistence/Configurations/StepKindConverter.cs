using IpbesFlow.Workflows;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IpbesFlow.Persistence.Configurations;

/// <summary>A step's kind is stored by its name (<c>review</c>, <c>task</c>) and read back as the one instance of that
/// kind, so that queries compare kinds (<c>s.Kind == review</c>) as the code does.</summary>
internal sealed class StepKindConverter() : ValueConverter<StepKind, string>(kind => kind.Name, name => FromName(name))
{
    private static StepKind FromName(string name) =>
        StepKind.Find(name) ?? throw new InvalidOperationException($"The database holds a step of kind '{name}', which this build does not know.");
}
