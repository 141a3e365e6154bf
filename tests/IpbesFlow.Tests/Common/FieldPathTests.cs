using IpbesFlow.Common;
using Shouldly;

namespace IpbesFlow.Tests.Common;

public sealed class FieldPathTests
{
    [Theory]
    [InlineData("Email", "email")]
    [InlineData("FullName", "fullName")]
    [InlineData("Steps[2].StartDate", "steps[2].startDate")]
    [InlineData("Parameters.PlenaryDate", "parameters.plenaryDate")]
    [InlineData("", "")]
    public void Property_paths_become_the_json_paths_callers_send(string propertyPath, string expected) =>
        FieldPath.FromPropertyPath(propertyPath).ShouldBe(expected);
}
