using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Kpis;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class DatasetConfiguration : IEntityTypeConfiguration<Dataset>
{
    public const string NameIndex = "ix_datasets_project_name";

    public void Configure(EntityTypeBuilder<Dataset> builder)
    {
        builder.ToTable("datasets");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId);
        builder.HasIndex(d => new { d.ProjectId, d.Name }).IsUnique().HasDatabaseName(NameIndex);
        builder.Property(d => d.Name).HasMaxLength(Limits.DatasetName);
        builder.Property(d => d.Description).HasMaxLength(Limits.TaskDescription);
        builder.Ignore(d => d.PendingActivity);
    }
}

internal sealed class DatasetVersionConfiguration : IEntityTypeConfiguration<DatasetVersion>
{
    public const string LabelIndex = "ix_dataset_versions_dataset_label";

    public void Configure(EntityTypeBuilder<DatasetVersion> builder)
    {
        builder.ToTable("dataset_versions");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(v => v.ProjectId);
        builder.HasOne<Dataset>().WithMany().HasForeignKey(v => v.DatasetId);
        builder.HasOne<ProjectTask>().WithMany().HasForeignKey(v => v.ProducedByTaskId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(v => new { v.DatasetId, v.Label }).IsUnique().HasDatabaseName(LabelIndex);
        builder.HasIndex(v => new { v.ProjectId, v.Layer });
        builder.Property(v => v.Label).HasMaxLength(Limits.VersionLabel);
        builder.Property(v => v.Location).HasMaxLength(Limits.Uri);
        builder.Property(v => v.Format).HasMaxLength(Limits.DataFormat);
        builder.Property(v => v.Checksum).HasMaxLength(Limits.Checksum);
        builder.Property(v => v.RegisteredByName).HasMaxLength(Limits.ActorName);
        builder.Property(v => v.PiiMethod).HasMaxLength(Limits.Reason);
        builder.Property(v => v.ProfileLink).HasMaxLength(Limits.Uri);
        builder.Property(v => v.Version).IsRowVersion();

        // Quality checks change only with their version, under its concurrency token.
        builder.OwnsMany(v => v.Checks, check => check.ToJson());
        builder.Ignore(v => v.PendingActivity);
        builder.Ignore(v => v.IsGoverned);
    }
}

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> builder)
    {
        builder.ToTable("experiments");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(e => e.ProjectId);
        builder.HasIndex(e => e.ProjectId);
        builder.Property(e => e.Name).HasMaxLength(Limits.DatasetName);
        builder.Property(e => e.Hypothesis).HasMaxLength(Limits.Hypothesis);
        builder.Property(e => e.Approach).HasMaxLength(Limits.Approach);
        builder.Ignore(e => e.PendingActivity);
    }
}

internal sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public const string LabelIndex = "ix_model_versions_project_name_label";

    public void Configure(EntityTypeBuilder<ModelVersion> builder)
    {
        builder.ToTable("model_versions");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId);
        builder.HasOne<Experiment>().WithMany().HasForeignKey(m => m.ExperimentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(m => new { m.ProjectId, m.Name, m.Label }).IsUnique().HasDatabaseName(LabelIndex);
        // The dashboard counts the projects with a version that meets its targets: few rows, found without a scan.
        builder.HasIndex(m => m.ProjectId).HasFilter("meets_targets").HasDatabaseName("ix_model_versions_meeting_targets");
        builder.Property(m => m.Name).HasMaxLength(Limits.DatasetName);
        builder.Property(m => m.Label).HasMaxLength(Limits.VersionLabel);
        builder.Property(m => m.Approach).HasMaxLength(Limits.Approach);
        builder.Property(m => m.ArtefactUri).HasMaxLength(Limits.Uri);
        builder.Property(m => m.ExplanationLink).HasMaxLength(Limits.Uri);
        builder.Property(m => m.RegisteredByName).HasMaxLength(Limits.ActorName);
        builder.Property(m => m.Version).IsRowVersion();
        builder.OwnsMany(m => m.Metrics, metric => metric.ToJson());
        builder.Ignore(m => m.PendingActivity);
        builder.Ignore(m => m.DisplayName);
        builder.Ignore(m => m.IsInPlay);
    }
}

internal sealed class MetricTargetConfiguration : IEntityTypeConfiguration<MetricTarget>
{
    /// <summary>
    /// One target per metric and split, the metric compared as <see cref="EvidenceRules.MetricKey"/> compares it
    /// (upper case): two people setting the same new target at once, in whatever case, cannot both add it. EF cannot
    /// model an index on an expression, so the migration creates it in SQL.
    /// </summary>
    public const string MetricIndex = "ix_metric_targets_project_metric_split";

    public void Configure(EntityTypeBuilder<MetricTarget> builder)
    {
        builder.ToTable("metric_targets");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId);
        builder.Property(t => t.Metric).HasMaxLength(Limits.MetricName);
        builder.Property(t => t.Version).IsRowVersion();
        builder.Ignore(t => t.PendingActivity);
    }
}

internal sealed class BusinessKpiConfiguration : IEntityTypeConfiguration<BusinessKpi>
{
    public void Configure(EntityTypeBuilder<BusinessKpi> builder)
    {
        builder.ToTable("business_kpis");
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(k => k.ProjectId);
        builder.HasIndex(k => k.ProjectId);
        builder.Property(k => k.Name).HasMaxLength(Limits.KpiName);
        builder.Property(k => k.Unit).HasMaxLength(Limits.KpiUnit);
        builder.Property(k => k.Version).IsRowVersion();
        // A complex collection (no identity per value): a value measured earlier than others is inserted in its place.
        // Lengths inside the JSON are the domain's guards'.
        builder.ComplexCollection(k => k.Values, value => value.ToJson());
        builder.Ignore(k => k.PendingActivity);
        builder.Ignore(k => k.Definition);
        builder.Ignore(k => k.Result);
    }
}
