using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class BusinessKpis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "business_kpis",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    unit = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    baseline = table.Column<double>(type: "double precision", nullable: true),
                    target = table.Column<double>(type: "double precision", nullable: false),
                    direction = table.Column<int>(type: "integer", nullable: false),
                    latest_value = table.Column<double>(type: "double precision", nullable: true),
                    latest_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    is_met = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    values = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_kpis", x => x.id);
                    table.ForeignKey(
                        name: "fk_business_kpis_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_business_kpis_project_id",
                table: "business_kpis",
                column: "project_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "business_kpis");
        }
    }
}
