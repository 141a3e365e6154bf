using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewRoundCorrectness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "review_announcements",
                table: "user_accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "erratum_at",
                table: "review_comments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "erratum_by",
                table: "review_comments",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "erratum_reason",
                table: "review_comments",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "assessments",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "UTC");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "review_announcements",
                table: "user_accounts");

            migrationBuilder.DropColumn(
                name: "erratum_at",
                table: "review_comments");

            migrationBuilder.DropColumn(
                name: "erratum_by",
                table: "review_comments");

            migrationBuilder.DropColumn(
                name: "erratum_reason",
                table: "review_comments");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "assessments");
        }
    }
}
