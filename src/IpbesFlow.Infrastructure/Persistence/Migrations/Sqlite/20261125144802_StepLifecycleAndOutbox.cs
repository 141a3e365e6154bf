using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StepLifecycleAndOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "changed_at",
                table: "assessment_steps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "changed_by",
                table: "assessment_steps",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ended_at",
                table: "assessment_steps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "owner",
                table: "assessment_steps",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "started_at",
                table: "assessment_steps",
                type: "INTEGER",
                nullable: true);

            // Steps that moved before these columns existed moved on their stored instants.
            migrationBuilder.Sql("UPDATE assessment_steps SET started_at = opens_at, changed_at = opens_at, changed_by = 'engine' WHERE state IN ('Open', 'Closed', 'Completed');");
            migrationBuilder.Sql("UPDATE assessment_steps SET ended_at = closes_at, changed_at = closes_at WHERE state IN ('Closed', 'Completed');");

            migrationBuilder.CreateTable(
                name: "notification_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    @event = table.Column<string>(name: "event", type: "TEXT", maxLength: 60, nullable: false),
                    step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    payload_json = table.Column<string>(type: "TEXT", nullable: false),
                    queued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    queued_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    dispatched_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_notification_events_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notification_events_assessment_id",
                table: "notification_events",
                column: "assessment_id");

            migrationBuilder.CreateIndex(
                name: "ix_notification_events_dispatched_at_id",
                table: "notification_events",
                columns: new[] { "dispatched_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notification_events");

            migrationBuilder.DropColumn(
                name: "changed_at",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "changed_by",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "ended_at",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "owner",
                table: "assessment_steps");

            migrationBuilder.DropColumn(
                name: "started_at",
                table: "assessment_steps");
        }
    }
}
