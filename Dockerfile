# One image recipe for every Calbridge application; MODULE picks which.
#   docker build --build-arg MODULE=sync-service -t calbridge/sync-service .
FROM eclipse-temurin:21-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
# The runnable jar: "-exec" where a module keeps a plain library jar beside it, else the module's jar.
RUN ./mvnw -B -q -ntp -DskipTests install \
 && jar="$(ls ${MODULE}/target/${MODULE}-*-exec.jar 2>/dev/null || ls ${MODULE}/target/${MODULE}-*.jar)" \
 && cp $jar /src/app.jar

FROM eclipse-temurin:21-jre
ARG MODULE
WORKDIR /app
COPY --from=build /src/app.jar /app/app.jar
RUN useradd --system --uid 10001 calbridge
USER calbridge
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
