using IpbesFlow.Workflows;

namespace IpbesFlow.Startup;

internal static class WorkflowDefinitions
{
    /// <summary>The service runs only on definitions that are all valid; the first error is named, with where to see them all.</summary>
    public static WorkflowCatalog Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new StartupCheckException($"The workflows folder '{directory}' does not exist. Set Workflows__Directory to the folder of workflow definitions.");
        }

        var (catalog, errors, _) = WorkflowCatalog.Load([directory]);
        return errors.Count switch
        {
            0 when catalog.All.Count == 0 => throw new StartupCheckException($"The workflows folder '{directory}' has no definitions (*.yaml). Set Workflows__Directory to the folder of workflow definitions."),
            0 => catalog,
            _ => throw new StartupCheckException(
                $"The workflow definitions have {errors.Count} error(s); the first is {errors[0]}. Run `ipbesflow workflows validate {directory}` to see them all."),
        };
    }
}
