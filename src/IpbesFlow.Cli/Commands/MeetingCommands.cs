using System.CommandLine;
using IpbesFlow.Meetings;

namespace IpbesFlow.Cli.Commands;

/// <summary>A TSU's meeting chores at the command line: who is on the list and what they replied, who attended, and the
/// travel support requests with their decisions (printed, or written as a spreadsheet).</summary>
internal static class MeetingCommands
{
    public static Command Create()
    {
        var participants = Listing("participants", "The participants and their replies.", view => view.Participants.Where(p => !p.Removed)
            .Select(p => $"{p.Name} <{p.Email}>{(p.CountryCode is { } c ? $" ({c})" : string.Empty)}: {ReplyToMeetingHandler.Name(p.Reply)}{(p.AddedByHand ? ", added by hand" : string.Empty)}"));
        var attendance = Listing("attendance", "Who attended, as the TSU recorded it.", view => view.Participants.Where(p => !p.Removed)
            .Select(p => $"{p.Name}: {p.Attended switch { true => "attended", false => "did not attend", null => "not recorded" }}"));

        var travelId = new Argument<Guid>("id") { Description = "The assessment's id" };
        var travelStep = new Argument<string>("step") { Description = "The meeting step, e.g. first-author-meeting" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the participants' report (.xlsx or .csv) instead of printing the requests" };
        var travel = new Command("travel", "Travel support: who asked, and what the TSU decided.") { travelId, travelStep, output };
        travel.SetAction((parse, ct) => parse.GetValue(output) is { } file
            ? ReviewCommands.WriteAsync(file, sender => sender.Send(new GetTravelReport(parse.GetValue(travelId), parse.GetValue(travelStep)!), ct), ct)
            : AssessmentCommands.Run(async sender =>
            {
                var view = await sender.Send(new GetMeeting(parse.GetValue(travelId), parse.GetValue(travelStep)!), ct);
                var asked = view.Participants.Where(p => !p.Removed && p.TravelSupport != TravelSupport.None).ToList();
                Console.WriteLine($"{view.Title}: {asked.Count} request(s) for travel support");
                foreach (var p in asked)
                {
                    Console.WriteLine($"  {p.Name} ({p.CountryCode}): {p.TravelSupport.ToString().ToLowerInvariant()}{(p.TravelNote is { } note ? $" – {note}" : string.Empty)}");
                }
            }, ct));

        return new Command("meetings", "Meetings: participants, attendance, travel support.") { participants, attendance, travel };
    }

    private static Command Listing(string name, string description, Func<MeetingView, IEnumerable<string>> lines)
    {
        var id = new Argument<Guid>("id") { Description = "The assessment's id" };
        var step = new Argument<string>("step") { Description = "The meeting step, e.g. first-author-meeting" };
        var command = new Command(name, description) { id, step };
        command.SetAction((parse, ct) => AssessmentCommands.Run(async sender =>
        {
            var view = await sender.Send(new GetMeeting(parse.GetValue(id), parse.GetValue(step)!), ct);
            Console.WriteLine($"{view.Title} ({view.Start:yyyy-MM-dd}..{view.End:yyyy-MM-dd}){(view.Location is { } where ? $", {where}" : ", not set up")}");
            foreach (var line in lines(view))
            {
                Console.WriteLine($"  {line}");
            }
        }, ct));
        return command;
    }
}
