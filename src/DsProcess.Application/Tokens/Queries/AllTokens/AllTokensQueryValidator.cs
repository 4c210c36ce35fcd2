using FluentValidation;

namespace DsProcess.Application.Tokens.Queries.AllTokens;

public sealed class AllTokensQueryValidator : AbstractValidator<AllTokensQuery>;
