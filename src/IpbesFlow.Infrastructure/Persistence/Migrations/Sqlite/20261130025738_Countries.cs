using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpbesFlow.Persistence.Migrations.Sqlite
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
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    economy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    changed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
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
