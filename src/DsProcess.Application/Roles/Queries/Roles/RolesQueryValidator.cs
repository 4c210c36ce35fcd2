using FluentValidation;

namespace DsProcess.Application.Roles.Queries.Roles;

public sealed class RolesQueryValidator : AbstractValidator<RolesQuery>;
