using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "custom_roles",
                columns: table => new
                {
                    role = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_custom_roles", x => x.role);
                });

            // The read model counts the custom roles' open work too (WorkRules.TaskOwnerRoles).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION task_owner_roles() RETURNS integer[]
                    LANGUAGE sql STABLE PARALLEL SAFE AS 'SELECT ARRAY[1, 2, 3, 4] || ARRAY(SELECT role FROM custom_roles ORDER BY role)';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION task_owner_roles() RETURNS integer[]
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT ARRAY[1, 2, 3, 4]';
                """);

            migrationBuilder.DropTable(
                name: "custom_roles");
        }
    }
}
