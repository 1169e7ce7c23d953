namespace OrleansPricing.Training.Learning;

public sealed record OnnxParity(int Rows, double MaxAbsoluteDifference);
