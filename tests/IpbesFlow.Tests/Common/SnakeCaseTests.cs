using IpbesFlow.Persistence;
using Shouldly;

namespace IpbesFlow.Tests.Common;

public sealed class SnakeCaseTests
{
    [Theory]
    [InlineData("People", "people")]
    [InlineData("NormalizedEmail", "normalized_email")]
    [InlineData("PK_People", "pk_people")]
    [InlineData("IX_People_NormalizedEmail", "ix_people_normalized_email")]
    [InlineData("SOD2Review", "sod2_review")]
    [InlineData("HTMLBody", "html_body")]
    public void Names_become_lower_snake_case(string name, string expected) =>
        IpbesFlowDbContext.ToSnakeCase(name).ShouldBe(expected);
}
