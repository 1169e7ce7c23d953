namespace OrleansPricing.Contracts.Learning;

/// <summary>One customer segment on the held-out decisions: conversion, and the mean discount logged, offered by the active model's policy and by the candidate's.</summary>
[GenerateSerializer, Immutable, Alias("contracts.segment-fairness-view")]
public sealed record SegmentFairnessView(
    [property: Id(0)] string Segment,
    [property: Id(1)] int Decisions,
    [property: Id(2)] double ConversionRate,
    [property: Id(3)] double LoggedMeanDiscount,
    [property: Id(4)] double ActiveMeanDiscount,
    [property: Id(5)] double CandidateMeanDiscount);
