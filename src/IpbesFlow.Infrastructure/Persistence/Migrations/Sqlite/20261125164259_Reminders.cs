using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "next_reminder_at",
                table: "assessment_steps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reminder_days",
                table: "assessment_steps",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "reminders_sent",
                table: "assessment_steps",
                type: "INTEGER",
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
