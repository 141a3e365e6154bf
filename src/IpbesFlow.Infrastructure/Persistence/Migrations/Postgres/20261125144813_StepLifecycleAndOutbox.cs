using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StepLifecycleAndOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "changed_at",
                table: "assessment_steps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "changed_by",
                table: "assessment_steps",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ended_at",
                table: "assessment_steps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "owner",
                table: "assessment_steps",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "started_at",
                table: "assessment_steps",
                type: "timestamp with time zone",
                nullable: true);

            // Steps that moved before these columns existed moved on their stored instants.
            migrationBuilder.Sql("UPDATE assessment_steps SET started_at = opens_at, changed_at = opens_at, changed_by = 'engine' WHERE state IN ('Open', 'Closed', 'Completed');");
            migrationBuilder.Sql("UPDATE assessment_steps SET ended_at = closes_at, changed_at = closes_at WHERE state IN ('Closed', 'Completed');");

            migrationBuilder.CreateTable(
                name: "notification_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(60)", maxLength: 60, nullable: false),
                    step_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    payload_json = table.Column<string>(type: "text", nullable: false),
                    queued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    queued_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    dispatched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
