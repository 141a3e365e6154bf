using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Countries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "country_classifications",
                columns: table => new
                {
                    country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    economy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_country_classifications", x => x.country_code);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "country_classifications");
        }
    }
}
