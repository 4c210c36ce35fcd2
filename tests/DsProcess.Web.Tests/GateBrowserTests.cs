using DsProcess.Application.Gates.Commands.SetGateCriterion;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Tasks.Commands.AssignTask;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Domain.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed class GateBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task The_engineer_submits_the_data_gate_and_the_scientist_sees_it_live_and_approves()
    {
        var board = await App.CreateProjectAsync(name: "Churn model");
        var engineer = await App.CreateMemberAsync(board.Id, "Dan Engineer", ProjectRole.DataEngineer, ProjectRole.MLEngineer);
        var scientist = await App.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        await ArrangeAllButTheLastDataTaskAsync(board.Key, board.Id, engineer);

        var dan = await OpenAsync(Browser.Wide);
        var sara = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(dan, engineer, $"/projects/{board.Key}");
        await Browser.SignInAsync(sara, scientist, $"/projects/{board.Key}");
        var saraGate = sara.GetByTestId("phase-DataDevelopment").GetByTestId("gate-state");
        await Expect(saraGate).ToHaveTextAsync("Gate: locked");

        // Dan finishes the last data task, with a note for whoever is next.
        await dan.GetByRole(AriaRole.Button, new() { Name = "Open task Data monitoring" }).ClickAsync();
        await dan.GetByTestId("task-panel").GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        var done = dan.GetByRole(AriaRole.Dialog);
        await done.GetByLabel("Note (optional)").FillAsync("Drift monitors are on.");
        await done.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        await Expect(dan.GetByTestId("task-panel").GetByTestId("task-status")).ToHaveTextAsync("Done");
        await Expect(saraGate).ToHaveTextAsync("Gate: ready");

        // Dan submits the gate; Sara's board and bell change without a reload.
        await dan.GetByTestId("task-panel").GetByRole(AriaRole.Button, new() { Name = "Close task panel" }).ClickAsync();
        await dan.GetByRole(AriaRole.Button, new() { Name = "Open the Data Development gate" }).ClickAsync();
        var danGate = dan.GetByTestId("gate-panel");
        await danGate.GetByLabel("Note for the deciders (optional)").FillAsync("Silver v3 and its profile are in the catalogue.");
        await WatchForTextAsync(sara, "[data-testid=phase-DataDevelopment] [data-testid=gate-state]", "awaiting decision");
        var clickedAt = await dan.EvaluateAsync<double>("() => Date.now()");
        await danGate.GetByRole(AriaRole.Button, new() { Name = "Submit gate" }).ClickAsync();
        await Expect(saraGate).ToHaveTextAsync("Gate: awaiting decision");
        var shownAt = await sara.EvaluateAsync<double>("() => window.__seenAt");
        Measurements.Record("gate submitted on one screen, shown on the other (click to DOM)", shownAt - clickedAt, "ms");
        await Expect(sara.GetByTestId("bell")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Notifications, [1-9][0-9]* unread"));
        await Browser.ScreenshotAsync(sara, "gate-awaiting-decision-wide");

        await sara.GetByTestId("bell").ClickAsync();
        await sara.GetByTestId("notifications").GetByText("Dan Engineer submitted the Data Development gate").ClickAsync();
        var saraPanel = sara.GetByTestId("gate-panel");
        await Expect(saraPanel.GetByTestId("gate-latest")).ToContainTextAsync("Silver v3 and its profile");
        await Browser.ScreenshotAsync(sara, "gate-panel-wide");
        await saraPanel.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await sara.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        // Model Development is active on both screens.
        await Expect(sara.GetByTestId("phase-ModelDevelopment").GetByText("Active", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(dan.GetByTestId("phase-ModelDevelopment").GetByText("Active", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(dan.GetByTestId("phase-DataDevelopment").GetByTestId("gate-state")).ToHaveTextAsync("Gate: approved");
        await Browser.ScreenshotAsync(dan, "gate-approved-wide");

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, scientist, $"/projects/{board.Key}/timeline");
        await Expect(phone.GetByTestId("timeline").GetByText("Gate approved").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "timeline-narrow");
    }

    [Fact]
    public async Task A_handoff_waits_in_my_work_until_the_receiver_acknowledges_it()
    {
        var board = await App.CreateProjectAsync(name: "Handoffs");
        var scientist = await App.CreateMemberAsync(board.Id, "Sam Scientist", ProjectRole.DataScientist);
        await App.FinishAsync(board.Key, "Data collection");
        await App.FinishAsync(board.Key, "Data preprocessing");
        var page = await OpenAsync(Browser.Narrow);

        await Browser.SignInAsync(page, scientist);

        var handoff = page.GetByTestId("handoff-item").Filter(new() { HasText = "Feature engineering" });
        await Expect(handoff).ToContainTextAsync("from “Data preprocessing”");
        await Browser.ScreenshotAsync(page, "my-work-handoff-narrow");
        await handoff.GetByRole(AriaRole.Button, new() { Name = "Acknowledge Feature engineering" }).ClickAsync();
        await Expect(handoff).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_scientist_sends_the_deployment_back_to_model_development_after_confirming()
    {
        var board = await App.CreateProjectAsync(name: "Churn rework");
        var scientist = await App.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        var mlEngineer = await App.CreateMemberAsync(board.Id, "Milo Ops", ProjectRole.MLEngineer);
        await App.PassGateAsync(board.Key, PhaseKind.DataDevelopment, scientist);
        await App.PassGateAsync(board.Key, PhaseKind.ModelDevelopment, mlEngineer);
        await App.FinishRequiredTasksAsync(board.Key, PhaseKind.ProductionDeployment);
        await App.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.ProductionDeployment, "Service live, monitors on."));

        var sara = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(sara, scientist, $"/projects/{board.Key}?gate=ProductionDeployment");
        var gate = sara.GetByTestId("gate-panel");
        var choice = gate.GetByRole(AriaRole.Radiogroup, new() { Name = "If rejected" });
        await Expect(choice.GetByRole(AriaRole.Radio)).ToHaveCountAsync(3);
        await Expect(choice.GetByRole(AriaRole.Radio, new() { Name = "Back to work on Production Deployment" })).ToBeCheckedAsync();
        await Expect(gate.GetByRole(AriaRole.Button, new() { Name = "Reject" })).ToBeVisibleAsync();

        // Choosing an earlier phase turns the rejection into a send-back, which asks for the reason and confirms first.
        await choice.GetByRole(AriaRole.Radio, new() { Name = "Back to Model Development, as a new iteration" }).CheckAsync();
        await Browser.ScreenshotAsync(sara, "gate-send-back-choice-wide");
        await gate.GetByRole(AriaRole.Button, new() { Name = "Send back to Model Development" }).ClickAsync();
        var dialog = sara.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"Send {board.Key} back to Model Development?");
        await Expect(dialog).ToContainTextAsync("Iteration 2 starts from Model Development");
        await Expect(dialog).ToContainTextAsync("Data Development stays completed");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(sara.GetByTestId("phase-ProductionDeployment").GetByTestId("gate-state")).ToHaveTextAsync("Gate: awaiting decision");

        await gate.GetByRole(AriaRole.Button, new() { Name = "Send back to Model Development" }).ClickAsync();
        await dialog.GetByLabel("Why must the work go back to Model Development?").FillAsync("The model degrades on last month's traffic.");
        await Browser.ScreenshotAsync(sara, "gate-send-back-confirm-wide");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send back" }).ClickAsync();

        await Expect(sara.GetByTestId("phase-ModelDevelopment").GetByText("Active", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(sara.GetByTestId("phase-ProductionDeployment").GetByTestId("gate-state")).ToHaveTextAsync("Gate: locked");

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, scientist, $"/projects/{board.Key}?gate=ProductionDeployment");
        await Expect(phone.GetByTestId("gate-history")).ToContainTextAsync("Sent back to Model Development by Sara Scientist");
        await Expect(phone.GetByTestId("gate-history")).ToContainTextAsync("The model degrades on last month's traffic.");
        await Browser.ScreenshotAsync(phone, "gate-sent-back-history-narrow");
    }

    /// <summary>Notes in the page the moment an element's text first contains the given words (both pages share the machine's clock).</summary>
    private static Task WatchForTextAsync(IPage page, string selector, string text) =>
        page.EvaluateAsync(
            """
            ([selector, text]) => {
                window.__seenAt = null;
                const check = () => {
                    const element = document.querySelector(selector);
                    if (!window.__seenAt && element && element.textContent.includes(text)) { window.__seenAt = Date.now(); }
                };
                new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
            }
            """,
            new[] { selector, text });

    private async Task ArrangeAllButTheLastDataTaskAsync(string key, Guid projectId, TestPerson engineer)
    {
        var board = await App.BoardAsync(key);
        foreach (var task in board.Phases[0].Tasks.Where(t => !t.IsOptional && t.Title != "Data monitoring"))
        {
            await App.FinishAsync(key, task.Title);
        }

        var monitoring = await App.TaskAsync(key, "Data monitoring");
        await App.SendAsync(new AssignTaskCommand(monitoring.Id, monitoring.Version, engineer.Id));
        monitoring = await App.TaskAsync(key, "Data monitoring");
        await App.SendAsync(new ChangeTaskStatusCommand(monitoring.Id, monitoring.Version, TaskMove.Start), engineer);
        foreach (var item in monitoring.Checklist)
        {
            await App.SendAsync(new SetChecklistItemCommand(monitoring.Id, item.Number, true), engineer);
        }

        foreach (var criterion in board.Phases[0].Gate)
        {
            await App.SendAsync(new SetGateCriterionCommand(projectId, PhaseKind.DataDevelopment, criterion.Number, true), engineer);
        }
    }
}
