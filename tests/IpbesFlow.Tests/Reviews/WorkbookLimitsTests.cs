using IpbesFlow.Common;
using IpbesFlow.Reviews;
using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.Tests.Reviews;

/// <summary>Workbooks made to exhaust the service's memory are refused with a clear message, having cost the reader
/// little: what it allocates while refusing each (counted on its own thread, which does all the reading) stays far
/// below 100 MB, whatever the file unpacks to.</summary>
public sealed class WorkbookLimitsTests
{
    private const long AllocationBound = 100L * 1024 * 1024;

    private static readonly SpreadsheetCommentFiles Files = new();

    [Theory]
    [InlineData("a sheet that unpacks to 2 GB", "comments.xlsx: its part xl/worksheets/sheet1.xml unpacks to 2,048 MB, more than the 64 MB such a part may hold. Split the comments into several files.")]
    [InlineData("a workbook part of 1 GB (a defined name)", "comments.xlsx: its part xl/workbook.xml unpacks to 1,024 MB, more than the 8 MB such a part may hold. Save the comments in the template, or as CSV UTF-8.")]
    [InlineData("a styles part of 1 GB", "comments.xlsx: its part xl/styles.xml unpacks to 1,024 MB, more than the 8 MB such a part may hold. Save the comments in the template, or as CSV UTF-8.")]
    [InlineData("a shared string of 100 MB", "comments.xlsx: its part xl/sharedStrings.xml unpacks to 100 MB, more than the 64 MB such a part may hold. Split the comments into several files.")]
    [InlineData("a shared string of 10 MB", "comments.xlsx: shared string 1 is longer than the 32,767 characters a cell holds.")]
    [InlineData("a million rows", "'Comments' has more than 100,000 rows: split the comments into several files.")]
    [InlineData("a workbook part that says 100 bytes and unpacks to 100 MB", "comments.xlsx is not a readable .xlsx workbook")]
    public void A_hostile_workbook_is_refused_before_it_costs_the_reader_memory(string which, string message)
    {
        var file = which switch
        {
            "a sheet that unpacks to 2 GB" => HostileWorkbooks.HugeSheet(2 * HostileWorkbooks.Gigabyte),
            "a workbook part of 1 GB (a defined name)" => HostileWorkbooks.HugeWorkbookPart(HostileWorkbooks.Gigabyte),
            "a styles part of 1 GB" => HostileWorkbooks.HugeStyles(HostileWorkbooks.Gigabyte),
            "a shared string of 100 MB" => HostileWorkbooks.HugeSharedString(100L * 1024 * 1024),
            "a shared string of 10 MB" => HostileWorkbooks.HugeSharedString(10L * 1024 * 1024),
            "a million rows" => HostileWorkbooks.ManyRows(1_000_000),
            _ => HostileWorkbooks.LyingWorkbookPart(declared: 100, actual: 100L * 1024 * 1024),
        };
        file.Length.ShouldBeLessThan(10 * 1024 * 1024, "small enough to pass the request's size limit");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var refused = Should.Throw<ValidationFailedException>(() => Files.Read("comments.xlsx", file, CommentSheet.SheetName));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        refused.Errors.Single().Message.ShouldStartWith(message);
        allocated.ShouldBeLessThan(AllocationBound, $"{which}: {allocated / (1024 * 1024)} MB allocated to refuse it");
    }

    [Fact]
    public void An_ordinary_workbook_is_read_whole()
    {
        var table = Files.Read("comments.xlsx", HostileWorkbooks.ManyRows(1_000), CommentSheet.SheetName);

        table.Headers.ShouldBe(["Chapter", "From page", "From line", "To page", "To line", "Comment"]);
        table.Rows.Count.ShouldBe(1_000);
        table.Rows[^1].ShouldSatisfyAllConditions(r => r.Number.ShouldBe(1_001), r => r.Cells[1].ShouldBe("1"));
    }
}
