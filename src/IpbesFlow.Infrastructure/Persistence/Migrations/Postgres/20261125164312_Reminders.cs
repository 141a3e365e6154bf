using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_reminder_at",
                table: "assessment_steps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reminder_days",
                table: "assessment_steps",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "reminders_sent",
                table: "assessment_steps",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_assessment_steps_state_next_reminder_at",
                table: "assessment_steps",
                columns: new[] { "state", "next_reminder_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_assessment_steps_state_next_reminder_at",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "next_reminder_at",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "reminder_days",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "reminders_sent",
                table: "assessment_steps");
        }
    }
}
