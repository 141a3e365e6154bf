using System.CommandLine;
using IpbesFlow.Cli.Commands;

var root = new RootCommand("ipbesflow: run and inspect IPBES assessment review cycles from the command line.")
{
    DatabaseCommands.Create(),
    WorkflowCommands.Create(),
    UserCommands.Create(),
    AssessmentCommands.Create(),
    ReviewCommands.Create(),
    NominationCommands.Create(),
    MeetingCommands.Create(),
    ReportCommands.Create(),
};

return await root.Parse(args).InvokeAsync();
