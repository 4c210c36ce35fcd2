using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class DeploymentConfiguration : IEntityTypeConfiguration<Deployment>
{
    public void Configure(EntityTypeBuilder<Deployment> builder)
    {
        builder.ToTable("deployments");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(d => d.ModelVersionId);
        // "Is a model live in production?" and the project's live deployments: the rows not yet ended.
        builder.HasIndex(d => new { d.ProjectId, d.Environment }).HasFilter("ended_at IS NULL").HasDatabaseName("ix_deployments_live");
        builder.HasIndex(d => d.ModelVersionId);
        builder.Property(d => d.ModelName).HasMaxLength(Limits.DatasetName + Limits.VersionLabel + 1);
        builder.Property(d => d.Endpoint).HasMaxLength(Limits.Uri);
        builder.Property(d => d.DeployedByName).HasMaxLength(Limits.ActorName);
        builder.Property(d => d.EndedByName).HasMaxLength(Limits.ActorName);
        builder.Property(d => d.EndReason).HasMaxLength(Limits.Reason);
        builder.Property(d => d.Version).IsRowVersion();
        builder.Ignore(d => d.PendingActivity);
        builder.Ignore(d => d.IsEnded);
    }
}

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<Pipeline>
{
    public void Configure(EntityTypeBuilder<Pipeline> builder)
    {
        builder.ToTable("pipelines");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId);
        builder.HasIndex(p => new { p.ProjectId, p.Kind }).IsUnique();
        builder.Property(p => p.Note).HasMaxLength(Limits.Reason);
        builder.Property(p => p.Link).HasMaxLength(Limits.Uri);
        builder.Property(p => p.RecordedByName).HasMaxLength(Limits.ActorName);
        builder.Property(p => p.Version).IsRowVersion();
        builder.Ignore(p => p.PendingActivity);
    }
}

internal sealed class ModelMonitorConfiguration : IEntityTypeConfiguration<ModelMonitor>
{
    public void Configure(EntityTypeBuilder<ModelMonitor> builder)
    {
        builder.ToTable("monitors");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(m => m.ModelVersionId);
        builder.HasIndex(m => m.ProjectId).HasFilter("removed_at IS NULL").HasDatabaseName("ix_monitors_project_in_use");
        builder.HasIndex(m => m.ModelVersionId);
        builder.Property(m => m.ModelName).HasMaxLength(Limits.DatasetName + Limits.VersionLabel + 1);
        builder.Property(m => m.Metric).HasMaxLength(Limits.MetricName);
        builder.Property(m => m.CreatedByName).HasMaxLength(Limits.ActorName);
        builder.Property(m => m.Version).IsRowVersion();
        builder.Ignore(m => m.PendingActivity);
        builder.Ignore(m => m.IsRemoved);
        builder.Ignore(m => m.IsBreaching);
    }
}

internal sealed class SignalConfiguration : IEntityTypeConfiguration<Signal>
{
    public void Configure(EntityTypeBuilder<Signal> builder)
    {
        builder.ToTable("signals");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<ModelMonitor>().WithMany().HasForeignKey(s => s.MonitorId);
        builder.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId);
        // The latest signal of a monitor, and a monitor's recent history, newest first, read from the index alone.
        builder.HasIndex(s => new { s.MonitorId, s.At }).IsDescending(false, true).IncludeProperties(s => s.Value).HasDatabaseName("ix_signals_monitor_latest");
        builder.HasIndex(s => s.ProjectId);
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("alerts");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId);
        builder.HasOne<ModelMonitor>().WithMany().HasForeignKey(a => a.MonitorId);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(a => a.ModelVersionId);
        // Open alerts per project (My work, the dashboard, the operations page): the few rows still needing someone.
        builder.HasIndex(a => new { a.ProjectId, a.OpenedAt }, "ix_alerts_open").HasFilter("closed_at IS NULL AND triage = 0").HasDatabaseName("ix_alerts_open");
        builder.HasIndex(a => new { a.ProjectId, a.OpenedAt }, "ix_alerts_project_recent").IsDescending(false, true).HasDatabaseName("ix_alerts_project_recent");
        builder.HasIndex(a => a.MonitorId);
        builder.Property(a => a.ModelName).HasMaxLength(Limits.DatasetName + Limits.VersionLabel + 1);
        builder.Property(a => a.Metric).HasMaxLength(Limits.MetricName);
        builder.Property(a => a.Rule).HasMaxLength(Limits.MetricName + 40);
        builder.Property(a => a.TriageReason).HasMaxLength(Limits.Reason);
        builder.Property(a => a.TriagedByName).HasMaxLength(Limits.ActorName);
        builder.Property(a => a.Version).IsRowVersion();
        builder.Ignore(a => a.PendingActivity);
        builder.Ignore(a => a.IsClosed);
        builder.Ignore(a => a.IsOpen);
        builder.Ignore(a => a.ReworkPhase);
        builder.Ignore(a => a.Summary);
        builder.Ignore(a => a.CanBeTriaged);
    }
}
