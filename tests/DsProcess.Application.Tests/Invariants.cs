using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;
using Npgsql;

namespace DsProcess.Application.Tests;

/// <summary>
/// What must hold in the database whatever anyone sent, checked in SQL in one statement (so in one consistent
/// snapshot, even while others write): each row that comes back is a violation, in words. Used by the soak and
/// the fuzz after their edits.
/// </summary>
public static class Invariants
{
    private static readonly string Sql = $"""
        SELECT 'project ' || p.key || ' has no team lead'
        FROM projects p
        WHERE NOT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND {(int)ProjectRole.TeamLead} = ANY (m.roles))
        UNION ALL
        SELECT 'project ' || p.key || ' works on ' || count(*) || ' phases at once'
        FROM project_phases ph JOIN projects p ON p.id = ph.project_id
        WHERE ph.state IN ({Working})
        GROUP BY p.key HAVING count(*) > 1
        UNION ALL
        SELECT 'active project ' || p.key || ' is not working on its current phase ' || coalesce(p.current_phase::text, 'none')
        FROM projects p
        WHERE p.status = {(int)ProjectStatus.Active}
          AND NOT EXISTS (SELECT 1 FROM project_phases ph WHERE ph.project_id = p.id AND ph.kind = p.current_phase AND ph.state IN ({Working}))
        UNION ALL
        SELECT 'completed project ' || p.key || ' still has a current phase or an unfinished phase'
        FROM projects p
        WHERE p.status IN ({(int)ProjectStatus.Completed}, {(int)ProjectStatus.InOperation})
          AND (p.current_phase IS NOT NULL OR EXISTS (SELECT 1 FROM project_phases ph WHERE ph.project_id = p.id AND ph.state <> {(int)PhaseState.Completed}))
        UNION ALL
        SELECT 'phase ' || ph.kind || ' of ' || p.key || ' went to its gate with required task "' || t.title || '" ' || t.status
        FROM project_tasks t JOIN project_phases ph ON ph.id = t.phase_id JOIN projects p ON p.id = ph.project_id
        WHERE ph.state IN ({(int)PhaseState.AwaitingGate}, {(int)PhaseState.Completed})
          AND NOT t.is_optional AND t.status NOT IN ({Finished})
        UNION ALL
        SELECT 'phase ' || ph.kind || ' of ' || p.key || ' went to its gate with required criterion "' || (c ->> 'Text') || '" unmet'
        FROM project_phases ph JOIN projects p ON p.id = ph.project_id, jsonb_array_elements(ph.gate) c
        WHERE ph.state IN ({(int)PhaseState.AwaitingGate}, {(int)PhaseState.Completed})
          AND (c ->> 'IsRequired')::boolean AND NOT (c ->> 'IsMet')::boolean
        UNION ALL
        SELECT 'task ' || t.id || ' is Done with required checklist item "' || (i ->> 'Text') || '" open'
        FROM project_tasks t, jsonb_array_elements(t.checklist) i
        WHERE t.status = {(int)ProjectTaskStatus.Done} AND (i ->> 'IsRequired')::boolean AND NOT (i ->> 'IsDone')::boolean
        UNION ALL
        SELECT 'task ' || t.id || ' has status ' || t.status || ' and reason "' || coalesce(t.status_reason, '') || '"'
        FROM project_tasks t
        WHERE t.status NOT IN ({Values<ProjectTaskStatus>()})
           OR (t.status IN ({(int)ProjectTaskStatus.Blocked}, {(int)ProjectTaskStatus.NotApplicable})) <> (coalesce(t.status_reason, '') <> '')
        UNION ALL
        SELECT 'task ' || t.id || ' is owned by role ' || t.responsible_role || ' or belongs to another project than its phase'
        FROM project_tasks t JOIN project_phases ph ON ph.id = t.phase_id
        WHERE (t.responsible_role NOT IN ({Values<ProjectRole>()}) AND NOT EXISTS (SELECT 1 FROM custom_roles c WHERE c.role = t.responsible_role))
           OR t.project_id <> ph.project_id
        UNION ALL
        SELECT 'task ' || t.id || ' is due before it starts'
        FROM project_tasks t
        WHERE t.due < t.planned_start
        UNION ALL
        SELECT 'phase ' || ph.id || ' has kind ' || ph.kind || ', state ' || ph.state || ', iteration ' || ph.iteration || ' of ' || p.iteration
        FROM project_phases ph JOIN projects p ON p.id = ph.project_id
        WHERE ph.kind NOT IN ({Values<PhaseKind>()}) OR ph.state NOT IN ({Values<PhaseState>()})
           OR ph.iteration < 1 OR ph.iteration > p.iteration
        UNION ALL
        SELECT 'project ' || p.key || ' has status ' || p.status || ' or current phase ' || coalesce(p.current_phase::text, 'none')
        FROM projects p
        WHERE p.status NOT IN ({Values<ProjectStatus>()}) OR (p.current_phase IS NOT NULL AND p.current_phase NOT IN ({Values<PhaseKind>()}))
        UNION ALL
        SELECT 'project ' || p.key || ' has status ' || p.status || ' with reason "' || coalesce(p.status_reason, '') || '" since ' || coalesce(p.status_since::text, 'never')
        FROM projects p
        WHERE (p.status IN ({(int)ProjectStatus.OnHold}, {(int)ProjectStatus.Cancelled})) <> (coalesce(p.status_reason, '') <> '' AND p.status_since IS NOT NULL)
        UNION ALL
        SELECT 'member ' || m.person_id || ' of project ' || m.project_id || ' holds roles ' || m.roles::text
        FROM project_members m
        WHERE cardinality(m.roles) = 0 OR NOT (m.roles <@ (ARRAY[{Values<ProjectRole>()}] || ARRAY(SELECT role FROM custom_roles)))
        UNION ALL
        SELECT 'phase ' || ph.id || ' awaits its gate with ' || count(r.id) || ' undecided submissions'
        FROM project_phases ph LEFT JOIN gate_reviews r ON r.phase_id = ph.id AND r.decision IS NULL
        WHERE ph.state = {(int)PhaseState.AwaitingGate}
        GROUP BY ph.id HAVING count(r.id) <> 1
        UNION ALL
        SELECT 'gate submission ' || r.id || ' is undecided but its phase is not awaiting it'
        FROM gate_reviews r JOIN project_phases ph ON ph.id = r.phase_id
        WHERE r.decision IS NULL AND (ph.state <> {(int)PhaseState.AwaitingGate} OR ph.latest_review_id IS DISTINCT FROM r.id)
        UNION ALL
        SELECT 'gate submission ' || r.id || ' was decided by its submitter, or without its outcome or reason'
        FROM gate_reviews r
        WHERE r.decided_by_id = r.submitted_by_id
           OR (r.decision = {(int)GateDecision.Approved} AND r.outcome IS NULL)
           OR (r.decision = {(int)GateDecision.Rejected} AND coalesce(r.decision_reason, '') = '')
           OR (r.decision IS NULL) <> (r.decided_at IS NULL)
        UNION ALL
        SELECT 'task ' || t.id || ' shows handoff ' || h.id || ' that is acknowledged or meant for another task'
        FROM project_tasks t JOIN handoffs h ON h.id = t.open_handoff_id
        WHERE h.to_task_id <> t.id OR h.acknowledged_at IS NOT NULL
        UNION ALL
        SELECT 'activity ' || a.id || ' (' || a.kind || ') has no actor or no time'
        FROM activity a
        WHERE btrim(coalesce(a.actor_name, '')) = '' OR (a.project_id IS NOT NULL AND a.actor_id IS NULL)
           OR a.at IS NULL OR a.at > now() + interval '1 minute'
        UNION ALL
        SELECT 'activity.at is stored without its time zone, so it is not UTC'
        FROM information_schema.columns
        WHERE table_name = 'activity' AND column_name = 'at' AND data_type <> 'timestamp with time zone'
        """;

    private static string Working => $"{(int)PhaseState.Active}, {(int)PhaseState.AwaitingGate}";

    private static string Finished => $"{(int)ProjectTaskStatus.Done}, {(int)ProjectTaskStatus.NotApplicable}";

    /// <summary>Every violation in the database, in words; empty when all is well. (Prepared: the fuzz asks hundreds of times, and the plan stays with the pooled connection.)</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        await command.PrepareAsync();
        await using var reader = await command.ExecuteReaderAsync();
        var violations = new List<string>();
        while (await reader.ReadAsync())
        {
            violations.Add(reader.GetString(0));
        }

        return violations;
    }

    /// <summary>
    /// A mark of the latest committed write to any domain table (the newest row version of the tables that change,
    /// and the newest activity entry): unchanged means nothing was changed. A refused command rolls back, so it
    /// must leave this as it was.
    /// </summary>
    public static async Task<string> LastWriteAsync(string connectionString)
    {
        const string sql = """
            SELECT (SELECT max(x) FROM (
                SELECT max(xmin::text::bigint) AS x FROM projects
                UNION ALL SELECT max(xmin::text::bigint) FROM project_phases
                UNION ALL SELECT max(xmin::text::bigint) FROM project_tasks
                UNION ALL SELECT max(xmin::text::bigint) FROM project_members
                UNION ALL SELECT max(xmin::text::bigint) FROM people
                UNION ALL SELECT max(xmin::text::bigint) FROM "AspNetUsers"
                UNION ALL SELECT max(xmin::text::bigint) FROM gate_reviews
                UNION ALL SELECT max(xmin::text::bigint) FROM handoffs
                UNION ALL SELECT max(xmin::text::bigint) FROM notifications) w)
                || '/' || (SELECT coalesce(max(id), 0) FROM activity)
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.PrepareAsync();
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string Values<TEnum>()
        where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues<TEnum>().Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)));
}
