using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class GateEvidence : Migration
    {
        /// <summary>Reviews and handoffs from before the evidence was recorded stand on no recorded versions.</summary>
        internal const string NoVersionsBefore = """
            UPDATE gate_reviews SET approved_evidence = '[]'::jsonb;
            UPDATE handoffs SET versions = '[]'::jsonb;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "versions",
                table: "handoffs",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "approved_evidence",
                table: "gate_reviews",
                type: "jsonb",
                nullable: true);

            migrationBuilder.Sql(NoVersionsBefore);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "versions",
                table: "handoffs");

            migrationBuilder.DropColumn(
                name: "approved_evidence",
                table: "gate_reviews");
        }
    }
}
