namespace OrleansPricing.Training.Commands;

public static class DecisionLogCommand
{
    public const string Usage = "decision-log (not yet)";

    public static int Run(CommandLine args, TextWriter output) => throw new UsageException("decision-log: not yet");
}
