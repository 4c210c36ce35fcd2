using FluentValidation;

namespace DsProcess.Application.Playbooks.Queries.Playbooks;

public sealed class PlaybooksQueryValidator : AbstractValidator<PlaybooksQuery>;
