using System.Text.Json;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Npgsql;
using NpgsqlTypes;

namespace DsProcess.Bench;

/// <summary>
/// Writes a realistic portfolio straight into PostgreSQL with COPY: projects at every stage of the lifecycle with
/// their phases, 21–22 tasks each, teams, gate reviews (some rejected), handoffs and about 100 activity rows per
/// project. Deterministic for a given seed.
/// </summary>
internal sealed class DataGenerator(NpgsqlDataSource db, int projects, int seed = 42)
{
    private static readonly Playbook Playbook = DefaultPlaybook.Create();
    private readonly Random _random = new(seed);
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public sealed record Counts(int People, int Projects, int Tasks, int Activity, int Reviews, int Handoffs);

    public async Task<Counts> GenerateAsync()
    {
        var leads = Enumerable.Range(0, Math.Max(2, projects / 50)).Select(i => (Id: Guid.CreateVersion7(), Name: $"Lead {i:0000}")).ToList();
        var workers = Enumerable.Range(0, Math.Max(6, projects / 4)).Select(i => (Id: Guid.CreateVersion7(), Name: $"Worker {i:00000}")).ToList();
        await WritePeopleAsync([.. leads, .. workers]);

        await using var connection = await db.OpenConnectionAsync();
        await using (var disable = new NpgsqlCommand("ALTER TABLE activity DISABLE TRIGGER activity_notify_change", connection))
        {
            await disable.ExecuteNonQueryAsync();
        }

        var projectRows = new List<object?[]>();
        var phaseRows = new List<object?[]>();
        var taskRows = new List<object?[]>();
        var memberRows = new List<object?[]>();
        var activityRows = new List<object?[]>();
        var reviewRows = new List<object?[]>();
        var handoffRows = new List<object?[]>();
        var tasks = 0;
        var activity = 0;
        var reviews = 0;
        var handoffs = 0;

        for (var p = 0; p < projects; p++)
        {
            var id = Guid.CreateVersion7();
            var lead = leads[_random.Next(leads.Count)];
            var team = Enumerable.Range(0, 3).Select(r => (Role: (ProjectRole)(r + 1), Person: workers[_random.Next(workers.Count)])).ToList();
            var started = _now.AddDays(-_random.Next(5, 400));
            var length = _random.Next(90, 260);
            var startDate = DateOnly.FromDateTime(started.UtcDateTime);
            var progress = Math.Clamp((_now - started).TotalDays / length, 0, 1.2);
            var completedPhases = Math.Min(4, (int)(progress * 4.2));
            var status = completedPhases == 4 ? ProjectStatus.Completed : _random.NextDouble() < 0.05 ? ProjectStatus.OnHold : ProjectStatus.Active;
            var current = completedPhases == 4 ? (PhaseKind?)null : (PhaseKind)(completedPhases + 1);
            var awaiting = current is not null && _random.NextDouble() < 0.12;
            var iteration = _random.NextDouble() < 0.1 ? 2 : 1;
            projectRows.Add([id, $"P{p:000000}", $"Project {p:000000}", "Synthetic objective for the benchmark.", startDate, startDate.AddDays(length),
                (int)status, current is null ? null : (int)current.Value, iteration, started, DefaultPlaybook.Id, _now]);

            memberRows.Add([id, lead.Id, new[] { (int)ProjectRole.TeamLead }]);
            foreach (var (role, person) in team.DistinctBy(t => t.Person.Id))
            {
                memberRows.Add([id, person.Id, new[] { (int)role }]);
            }

            var phaseStart = started;
            var order = 0;
            var previousTaskId = Guid.Empty;
            foreach (var template in Playbook.Phases)
            {
                var phaseId = Guid.CreateVersion7();
                var kind = template.Kind;
                var state = (int)kind <= completedPhases ? PhaseState.Completed : kind == current ? (awaiting ? PhaseState.AwaitingGate : PhaseState.Active) : PhaseState.NotStarted;
                var duration = TimeSpan.FromDays(length / 4.0 * (0.6 + _random.NextDouble()));
                var end = state == PhaseState.Completed ? Min(phaseStart + duration, _now) : (DateTimeOffset?)null;
                var plannedStart = startDate.AddDays(length * ((int)kind - 1) / 4);
                var plannedEnd = startDate.AddDays(length * (int)kind / 4);
                var gate = template.GateCriteria.Select((text, i) => new { Number = i + 1, Text = text, IsRequired = true, IsMet = state >= PhaseState.AwaitingGate, MetBy = (string?)null, MetAt = (DateTimeOffset?)null });
                phaseRows.Add([phaseId, id, (int)kind, template.Purpose, (int)state, plannedStart, plannedEnd,
                    state == PhaseState.NotStarted ? null : phaseStart, end, _now, new Json(JsonSerializer.Serialize(gate)), iteration]);

                foreach (var (task, i) in template.Tasks.Select((t, i) => (t, i)))
                {
                    order++;
                    var taskStatus = state is PhaseState.Completed or PhaseState.AwaitingGate
                        ? (task.IsOptional ? ProjectTaskStatus.NotApplicable : ProjectTaskStatus.Done)
                        : state == PhaseState.Active
                            ? (ProjectTaskStatus)_random.Next(0, 4)
                            : ProjectTaskStatus.NotStarted;
                    Guid? assignee = null;
                    if (state != PhaseState.NotStarted && _random.NextDouble() < 0.8 && team.FirstOrDefault(t => t.Role == task.ResponsibleRole) is { Person.Id: var owner } && owner != Guid.Empty)
                    {
                        assignee = owner;
                    }

                    var checklist = task.Checklist.Select((c, n) => new { Number = n + 1, c.Text, c.IsRequired, IsDone = taskStatus == ProjectTaskStatus.Done, DoneBy = (string?)null, DoneAt = (DateTimeOffset?)null });
                    var due = plannedStart.AddDays((plannedEnd.DayNumber - plannedStart.DayNumber) * (i + 1) / template.Tasks.Count);
                    var taskId = Guid.CreateVersion7();
                    taskRows.Add([taskId, id, phaseId, i + 1, task.Title, task.Description, (int)task.ResponsibleRole,
                        task.SupportingRoles.Select(r => (int)r).ToArray(), task.IsOptional, false, (int)taskStatus,
                        taskStatus == ProjectTaskStatus.Blocked ? "Waiting for access" : null, plannedStart, due, null, null, _now,
                        new Json(JsonSerializer.Serialize(checklist)), assignee, Array.Empty<string>()]);
                    tasks++;

                    if (i > 0 && state != PhaseState.NotStarted && template.Tasks[i - 1].ResponsibleRole != task.ResponsibleRole)
                    {
                        var handedAt = phaseStart + (duration * i / template.Tasks.Count);
                        var acknowledged = state == PhaseState.Completed || _random.NextDouble() < 0.7;
                        handoffRows.Add([Guid.CreateVersion7(), id, previousTaskId, template.Tasks[i - 1].Title, (int)template.Tasks[i - 1].ResponsibleRole,
                            taskId, task.Title, (int)task.ResponsibleRole, (int)kind, null, iteration, null, Array.Empty<string>(),
                            lead.Id, lead.Name, handedAt, acknowledged ? lead.Id : null, acknowledged ? lead.Name : null,
                            acknowledged ? handedAt.AddHours(_random.Next(1, 72)) : null, _now]);
                        handoffs++;
                    }

                    previousTaskId = taskId;
                }

                if (state is PhaseState.Completed or PhaseState.AwaitingGate)
                {
                    var submitted = (end ?? _now).AddHours(-_random.Next(4, 120));
                    if (_random.NextDouble() < 0.2)
                    {
                        reviewRows.Add(Review(id, phaseId, kind, iteration, team[0].Person, lead, submitted.AddDays(-5), 2, submitted.AddDays(-4)));
                        reviews++;
                    }

                    reviewRows.Add(Review(id, phaseId, kind, iteration, team[0].Person, lead, submitted, state == PhaseState.Completed ? 1 : null, end));
                    reviews++;
                }

                phaseStart = end ?? phaseStart;
            }

            // About a hundred activity rows per project, spread over its life so far.
            var span = Math.Max(1, (_now - started).TotalMinutes);
            for (var a = 0; a < 100; a++)
            {
                var at = started.AddMinutes(span * a / 100);
                activityRows.Add([id, at, lead.Id, lead.Name, (int)(a % 10 == 0 ? 2 : a % 3 == 0 ? 6 : 3), 1 + (a * 4 / 100), null,
                    "Synthetic activity", "Not started", "In progress", null, iteration]);
                activity++;
            }

            if (projectRows.Count >= 1000)
            {
                await FlushAsync(connection, projectRows, phaseRows, taskRows, memberRows, activityRows, reviewRows, handoffRows);
            }
        }

        await FlushAsync(connection, projectRows, phaseRows, taskRows, memberRows, activityRows, reviewRows, handoffRows);
        // The references the app keeps as it goes: each phase's latest gate review, each task's open handoff.
        await using (var links = new NpgsqlCommand(
            """
            UPDATE project_phases ph SET latest_review_id = r.id
            FROM (SELECT DISTINCT ON (phase_id) phase_id, id FROM gate_reviews ORDER BY phase_id, submitted_at DESC) r
            WHERE r.phase_id = ph.id;
            UPDATE project_tasks t SET open_handoff_id = h.id
            FROM (SELECT DISTINCT ON (to_task_id) to_task_id, id FROM handoffs WHERE acknowledged_at IS NULL ORDER BY to_task_id, handed_over_at DESC) h
            WHERE h.to_task_id = t.id;
            ALTER TABLE activity ENABLE TRIGGER activity_notify_change;
            """, connection))
        {
            links.CommandTimeout = 600;
            await links.ExecuteNonQueryAsync();
        }

        return new Counts(leads.Count + workers.Count, projects, tasks, activity, reviews, handoffs);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static object?[] Review(Guid project, Guid phase, PhaseKind kind, int iteration, (Guid Id, string Name) submitter, (Guid Id, string Name) lead,
        DateTimeOffset submitted, int? decision, DateTimeOffset? decided) =>
        [Guid.CreateVersion7(), project, phase, (int)kind, iteration, null, submitter.Id, submitter.Name, submitted, decision, decision == 1 ? 1 : null,
            decision is null ? null : lead.Id, decision is null ? null : lead.Name, decision is null ? null : decided, decision == 2 ? "Not enough evidence" : null];

    private async Task WritePeopleAsync(IReadOnlyList<(Guid Id, string Name)> people)
    {
        await using var connection = await db.OpenConnectionAsync();
        await CopyAsync(connection, "\"AspNetUsers\" (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)",
            people.Select(p => new object?[] { p.Id, Email(p.Name), Email(p.Name).ToUpperInvariant(), Email(p.Name), Email(p.Name).ToUpperInvariant(), true, Guid.NewGuid().ToString("N"), false, false, true, 0 }));
        await CopyAsync(connection, "people (id, display_name, email, system_role, is_active, created_at, updated_at)",
            people.Select(p => new object?[] { p.Id, p.Name, Email(p.Name), p.Name.StartsWith("Lead", StringComparison.Ordinal) ? 2 : 3, true, _now, _now }));
    }

    private static string Email(string name) => $"{name.Replace(' ', '.').ToLowerInvariant()}@bench.local";

    private static async Task FlushAsync(NpgsqlConnection connection, params List<object?[]>[] batches)
    {
        string[] targets =
        [
            "projects (id, key, name, objective, start_date, target_date, status, current_phase, iteration, created_at, playbook_id, updated_at)",
            "project_phases (id, project_id, kind, purpose, state, planned_start, planned_end, actual_start, actual_end, updated_at, gate, iteration)",
            "project_tasks (id, project_id, phase_id, \"order\", title, description, responsible_role, supporting_roles, is_optional, is_custom, status, status_reason, planned_start, due, started_at, completed_at, updated_at, checklist, assignee_id, evidence)",
            "project_members (project_id, person_id, roles)",
            "activity (project_id, at, actor_id, actor_name, kind, phase, task_id, subject, \"from\", \"to\", reason, iteration)",
            "gate_reviews (id, project_id, phase_id, phase, iteration, note, submitted_by_id, submitted_by_name, submitted_at, decision, outcome, decided_by_id, decided_by_name, decided_at, decision_reason)",
            "handoffs (id, project_id, from_task_id, from_task_title, from_role, to_task_id, to_task_title, to_role, to_phase, to_assignee_id, iteration, note, links, handed_over_by_id, handed_over_by_name, handed_over_at, acknowledged_by_id, acknowledged_by_name, acknowledged_at, updated_at)",
        ];
        for (var i = 0; i < targets.Length; i++)
        {
            await CopyAsync(connection, targets[i], batches[i]);
            batches[i].Clear();
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string target, IEnumerable<object?[]> rows)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            foreach (var value in row)
            {
                await WriteAsync(writer, value);
            }
        }

        await writer.CompleteAsync();
    }

    private static Task WriteAsync(NpgsqlBinaryImporter writer, object? value) => value switch
    {
        null => writer.WriteNullAsync(),
        Guid g => writer.WriteAsync(g, NpgsqlDbType.Uuid),
        Json json => writer.WriteAsync(json.Text, NpgsqlDbType.Jsonb),
        string s => writer.WriteAsync(s, NpgsqlDbType.Text),
        int i => writer.WriteAsync(i, NpgsqlDbType.Integer),
        bool b => writer.WriteAsync(b, NpgsqlDbType.Boolean),
        DateOnly d => writer.WriteAsync(d, NpgsqlDbType.Date),
        DateTimeOffset t => writer.WriteAsync(t.UtcDateTime, NpgsqlDbType.TimestampTz),
        int[] a => writer.WriteAsync(a, NpgsqlDbType.Array | NpgsqlDbType.Integer),
        string[] a => writer.WriteAsync(a, NpgsqlDbType.Array | NpgsqlDbType.Text),
        _ => throw new NotSupportedException(value.GetType().Name),
    };
}

/// <summary>A value written as jsonb.</summary>
internal sealed record Json(string Text);
