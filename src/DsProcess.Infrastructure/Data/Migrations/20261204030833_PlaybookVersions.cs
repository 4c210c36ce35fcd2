using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlaybookVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_playbooks_name",
                table: "playbooks");

            migrationBuilder.AddColumn<bool>(
                name: "is_draft",
                table: "playbooks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "lineage",
                table: "playbooks",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "number",
                table: "playbooks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "playbooks",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            // Every playbook so far is a published version 1 of itself.
            migrationBuilder.Sql("UPDATE playbooks SET lineage = id, number = 1;");

            migrationBuilder.CreateIndex(
                name: "ix_playbooks_draft",
                table: "playbooks",
                column: "lineage",
                unique: true,
                filter: "is_draft");

            migrationBuilder.CreateIndex(
                name: "ix_playbooks_lineage_number",
                table: "playbooks",
                columns: new[] { "lineage", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_playbooks_name",
                table: "playbooks",
                columns: new[] { "name", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_playbooks_draft",
                table: "playbooks");

            migrationBuilder.DropIndex(
                name: "ix_playbooks_lineage_number",
                table: "playbooks");

            migrationBuilder.DropIndex(
                name: "ix_playbooks_name",
                table: "playbooks");

            migrationBuilder.DropColumn(
                name: "is_draft",
                table: "playbooks");

            migrationBuilder.DropColumn(
                name: "lineage",
                table: "playbooks");

            migrationBuilder.DropColumn(
                name: "number",
                table: "playbooks");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "playbooks");

            migrationBuilder.CreateIndex(
                name: "ix_playbooks_name",
                table: "playbooks",
                column: "name",
                unique: true);
        }
    }
}
