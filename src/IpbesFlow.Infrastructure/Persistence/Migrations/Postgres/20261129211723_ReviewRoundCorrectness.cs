using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "erratum_at",
                table: "review_comments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "erratum_by",
                table: "review_comments",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "erratum_reason",
                table: "review_comments",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "assessments",
                type: "character varying(64)",
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
