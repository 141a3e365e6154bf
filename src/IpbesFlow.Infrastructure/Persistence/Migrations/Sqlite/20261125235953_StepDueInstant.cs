using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StepDueInstant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_assessment_steps_state_closes_at",
                table: "assessment_steps");

            migrationBuilder.DropIndex(
                name: "ix_assessment_steps_state_next_reminder_at",
                table: "assessment_steps");

            migrationBuilder.DropIndex(
                name: "ix_assessment_steps_state_opens_at",
                table: "assessment_steps");

            migrationBuilder.AddColumn<long>(
                name: "due_at",
                table: "assessment_steps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "assessment_steps",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql(MigrationSql.FillStepDueInstants);

            migrationBuilder.CreateIndex(
                name: "ix_assessment_steps_due_at",
                table: "assessment_steps",
                column: "due_at",
                filter: "due_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_assessment_steps_due_at",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "due_at",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "assessment_steps");

            migrationBuilder.CreateIndex(
                name: "ix_assessment_steps_state_closes_at",
                table: "assessment_steps",
                columns: new[] { "state", "closes_at" });

            migrationBuilder.CreateIndex(
                name: "ix_assessment_steps_state_next_reminder_at",
                table: "assessment_steps",
                columns: new[] { "state", "next_reminder_at" });

            migrationBuilder.CreateIndex(
                name: "ix_assessment_steps_state_opens_at",
                table: "assessment_steps",
                columns: new[] { "state", "opens_at" });
        }
    }
}
