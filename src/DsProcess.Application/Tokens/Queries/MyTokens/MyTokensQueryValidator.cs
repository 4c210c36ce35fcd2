using FluentValidation;

namespace DsProcess.Application.Tokens.Queries.MyTokens;

public sealed class MyTokensQueryValidator : AbstractValidator<MyTokensQuery>;
