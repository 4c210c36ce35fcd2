using DsProcess.Domain.Projects;
using static DsProcess.Domain.Projects.ProjectRole;

namespace DsProcess.Domain.Playbooks;

/// <summary>The lifecycle playbook that ships with DsProcess: four phases, 21 tasks.</summary>
public static class DefaultPlaybook
{
    public static readonly Guid Id = new("0193a000-0000-7000-8000-000000000001");

    public const string Name = "Data-science lifecycle";

    public static Playbook Create() => new(
        Id,
        Name,
        "Data Development, Model Development, Production Deployment and Business Analysis, each task owned by the role that does it.",
        isDefault: true,
        [DataDevelopment(), ModelDevelopment(), ProductionDeployment(), BusinessAnalysis()]);

    private static PlaybookPhase DataDevelopment() => new()
    {
        Kind = PhaseKind.DataDevelopment,
        Purpose = "Bring raw data into the Bronze layer, clean and govern it into Silver, and build the features and pipelines the models will use.",
        GateCriteria =
        [
            // Governed Silver data, access for the data scientists and the splits are checked from the evidence.
            "The data profile and its known gaps are reviewed with the data scientists",
        ],
        Tasks =
        [
            Task("Data collection", DataEngineer, [],
                "Find the sources the use case needs and land their raw data in the Bronze layer, with access granted and compliance checked.",
                Required("Data sources identified and documented"),
                Required("Access and permissions granted for the team"),
                Required("Compliance and usage rules checked"),
                Required("Raw data landed in the Bronze layer")),
            Task("Data preprocessing", DataEngineer, [],
                "Turn Bronze data into Silver: ingestible formats, quality checks on the way, unusable records cleaned, personal data removed.",
                Required("Data available in ingestible formats"),
                Required("Quality checks run while moving Bronze to Silver"),
                Required("Unusable data cleaned (nulls, duplicates, bad values)"),
                Required("Personal data (PII) removed"),
                Required("Governance rules applied"),
                Required("Data profile created for development and test")),
            Task("Feature engineering", DataScientist, [DataEngineer],
                "Combine and derive the features the model needs into a versioned dataset, with the same feature code used for training, testing and scoring.",
                Required("Feature dataset versioned"),
                Required("Feature code shared by training, testing and scoring"),
                Required("Hold-out train and test sets split")),
            Task("Data augmentation", DataScientist, [],
                "Where it helps (mostly computer vision), create extra examples from existing ones: rotate, translate, blur.",
                optional: true,
                Required("Augmentation techniques chosen and justified"),
                Optional("Augmented data versioned with its source")),
            // What needs a model (outcomes written back, model drift) is asked at Production Deployment, once one runs.
            Task("Data movement", MLEngineer, [DataEngineer],
                "Define the ETL/ELT pipeline for each environment, automate it in CI/CD, and agree where model outcomes will be written back (Silver or Gold).",
                Required("Pipeline defined for every environment"),
                Required("Pipeline runs automatically from CI/CD"),
                Required("Place for model outcomes in the Silver or Gold layer agreed")),
            Task("Data monitoring", MLEngineer, [],
                "Track dataset versions and put data quality and data drift monitors on the pipelines, with security checks in place.",
                Required("Dataset versions tracked automatically"),
                Required("Data quality and data drift monitors on the pipelines"),
                Optional("Security risk checks against data and model abuse")),
        ],
    };

    private static PlaybookPhase ModelDevelopment() => new()
    {
        Kind = PhaseKind.ModelDevelopment,
        Purpose = "Experiment, explain and tune models until one meets its metric targets on held-out data.",
        GateCriteria =
        [
            // A registered version meeting every target on held-out data is checked from the evidence.
            "The model explanation has been reviewed",
            "The team agrees which model version goes forward",
        ],
        Tasks =
        [
            Task("Model experimentation", DataScientist, [],
                "Compare candidate approaches (AutoML, visual designer, custom code), state hypotheses and tune hyperparameters.",
                Required("Candidate approaches compared"),
                Required("Hypotheses written down"),
                Optional("Hyperparameters tuned")),
            Task("Model explanation", DataScientist, [],
                "Make the model interpretable: how it behaves in different circumstances and why it made individual predictions.",
                Required("Global feature importance reviewed"),
                Required("Behaviour across segments and circumstances checked"),
                Optional("Individual predictions explained for sample cases")),
            Task("Accelerating training", MLEngineer, [DataScientist],
                "Where training is slow or the model too large: pruning, compression, quantization or parallel training.",
                optional: true,
                Required("Bottleneck measured before and after"),
                Optional("Model size or latency reduced")),
            Task("Fine tuning", DataScientist, [],
                "Choose the evaluation metrics and their targets (precision, recall, accuracy, mAP, F1) and train further where the model falls short.",
                Required("Evaluation metrics and targets agreed"),
                Required("Model retrained where it fell short of a target")),
            Task("Testing", MLEngineer, [DataScientist],
                "Test the model on additional data that matches production, confirm the hypotheses, and A/B test against a live model if there is one.",
                Required("Tested on extra data that matches production"),
                Required("Hypotheses confirmed or rejected"),
                Optional("A/B test against the live model")),
        ],
    };

    private static PlaybookPhase ProductionDeployment() => new()
    {
        Kind = PhaseKind.ProductionDeployment,
        Purpose = "Ship the model as a service through three automated pipelines: data, ML and infrastructure.",
        GateCriteria =
        [
            "The prediction service is live",
            "Drift, performance and security monitors are on",
            "Data, ML and infrastructure pipelines are automated",
        ],
        Tasks =
        [
            Task("Preparing files for deployment", MLEngineer, [],
                "Package the inference environment, scoring code and inference configuration, and make the data available in every environment.",
                Required("Inference environment defined"),
                Required("Scoring code written and reviewed"),
                Required("Inference configuration prepared"),
                Required("Data reachable from every environment")),
            Task("Functional testing", MLEngineer, [],
                "Lint, unit-test and measure coverage of the scoring code; add data sanity tests to ingestion.",
                Required("Linting passes"),
                Required("Unit tests pass with agreed coverage"),
                Required("Data sanity tests run during ingestion")),
            Task("Model delivery", MLEngineer, [],
                "Serve the model as a prediction service, typically a REST endpoint.",
                Required("Prediction service deployed"),
                Required("Endpoint contract documented")),
            Task("Infrastructure deployment", MLEngineer, [],
                "Create the infrastructure from CI artifacts as code.",
                Required("Infrastructure defined as code"),
                Required("Deployed from CI artifacts")),
            Task("Monitoring and logging", MLEngineer, [DataEngineer],
                "Monitor model drift, performance and security, write the model's outcomes back to Silver or Gold, and log enough to reproduce which data made which model.",
                Required("Model drift (concept drift) monitor on"),
                Required("Performance and security monitors on"),
                Required("Model outcomes written back to the Silver or Gold layer"),
                Required("Central record of model outcomes in place"),
                Required("Lineage logged: which data made which model")),
        ],
    };

    private static PlaybookPhase BusinessAnalysis() => new()
    {
        Kind = PhaseKind.BusinessAnalysis,
        Purpose = "Show what the model changes for the business and decide what happens next.",
        GateCriteria =
        [
            "Outcomes presented to the business owners",
            "Business KPIs reported from prediction results",
            "A recommendation for the next iteration is recorded",
        ],
        Tasks =
        [
            Task("Model visualization", DataScientist, [],
                "Visualize what the model predicts and how well, for people who do not read metrics.",
                Required("Key visuals of predictions and quality prepared")),
            Task("Dashboarding", DataScientist, [DataEngineer],
                "Build dashboards on Gold-layer aggregates for decision makers.",
                Required("Gold-layer aggregates available"),
                Required("Dashboard published to decision makers")),
            Task("Presenting outcomes", TeamLead, [DataScientist],
                "Present what was built and what it achieved to the business owners.",
                Required("Outcome presentation held"),
                Optional("Feedback from the business recorded")),
            Task("Business performance report", TeamLead, [DataScientist],
                "Report business KPIs computed from the prediction results.",
                Required("KPIs computed from prediction results"),
                Required("Report shared with stakeholders")),
            Task("Recommendation to deployment team", DataScientist, [MLEngineer],
                "Recommend what the next iteration should change: back to Production Deployment or to Model Development.",
                Required("Recommendation written with its evidence"),
                Required("Next iteration's starting phase proposed")),
        ],
    };

    private static PlaybookTask Task(
        string title,
        ProjectRole responsible,
        ProjectRole[] supporting,
        string description,
        params PlaybookChecklistItem[] checklist) =>
        Task(title, responsible, supporting, description, optional: false, checklist);

    private static PlaybookTask Task(
        string title,
        ProjectRole responsible,
        ProjectRole[] supporting,
        string description,
        bool optional,
        params PlaybookChecklistItem[] checklist) => new()
        {
            Title = title,
            Description = description,
            ResponsibleRole = responsible,
            SupportingRoles = [.. supporting],
            IsOptional = optional,
            Checklist = [.. checklist],
        };

    private static PlaybookChecklistItem Required(string text) => new() { Text = text, IsRequired = true };

    private static PlaybookChecklistItem Optional(string text) => new() { Text = text, IsRequired = false };
}
