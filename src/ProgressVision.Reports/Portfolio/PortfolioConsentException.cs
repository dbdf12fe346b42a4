namespace ProgressVision.Reports.Portfolio;

/// <summary>The client has not given the consent a portfolio's audience needs.</summary>
public sealed class PortfolioConsentException(string message) : Exception(message);
