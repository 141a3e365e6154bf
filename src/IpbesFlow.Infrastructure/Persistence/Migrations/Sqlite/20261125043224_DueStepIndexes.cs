using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DueStepIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_assessment_steps_closes_at",
                table: "assessment_steps");

            migrationBuilder.CreateIndex(
                name: "ix_assessment_steps_state_closes_at",
                table: "assessment_steps",
                columns: new[] { "state", "closes_at" });

            migrationBuilder.CreateIndex(
                name: "ix_assessment_steps_state_opens_at",
                table: "assessment_steps",
                columns: new[] { "state", "opens_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_assessment_steps_state_closes_at",
                table: "assessment_steps");

            migrationBuilder.DropIndex(
                name: "ix_assessment_steps_state_opens_at",
                table: "assessment_steps");

            migrationBuilder.CreateIndex(
                name: "ix_assessment_steps_closes_at",
                table: "assessment_steps",
                column: "closes_at");
        }
    }
}
